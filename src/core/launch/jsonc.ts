// Parses JSON with comments and trailing commas (the dialect of files under .vscode/), never throws.

export type JsoncResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Removes comments and trailing commas outside strings, then JSON.parse. */
export function parseJsonc(text: string): JsoncResult {
  try {
    return { ok: true, value: JSON.parse(stripJsonc(text)) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

export function stripJsonc(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        i++;
      }
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      // A comma followed only by whitespace before a closing bracket is a trailing comma: dropped.
      if (c !== ',' || !/^\s*[}\]]/.test(text.slice(i + 1, i + 200))) {
        out += c;
      }
      i++;
    }
  }
  return out;
}

/** Index just past the closing quote of the string starting at `start` (or the end of the text). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2;
    } else if (text[i] === '"') {
      return i + 1;
    } else {
      i++;
    }
  }
  return text.length;
}
