// POSIX shell quoting: turns words into a command line that sh, bash, dash and zsh split back into the
// same words, whatever they hold (spaces, quotes, `$`, backticks, newlines, globs).

/** Characters that never need quoting in a POSIX shell word. */
const SAFE_WORD = /^[A-Za-z0-9_\-.,/:=@%+]+$/;

/** Quotes one word (left as is when it needs no quoting; `''` for the empty word). */
export function posixQuote(word: string): string {
  if (SAFE_WORD.test(word)) {
    return word;
  }
  // Inside single quotes nothing is special but the closing quote: end the quote, add an escaped
  // quote, and open a new one.
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Quotes every word and joins them with spaces: one command line. */
export function posixJoin(words: readonly string[]): string {
  return words.map(posixQuote).join(' ');
}
