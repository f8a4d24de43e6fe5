// The chart search of the dashboard and Compare: which chart names a search shows (no DOM here).

/** Compiles the chart filter: `/regex/` or a case-insensitive substring. A broken regex matches as text. */
export function chartFilter(search: string): (name: string) => boolean {
  const text = search.trim();
  if (!text) {
    return () => true;
  }
  const regex = /^\/(.+)\/([a-z]*)$/.exec(text);
  if (regex) {
    try {
      // `g` and `y` make test() stateful (it resumes at lastIndex): every other name would fail.
      const flags = regex[2].replace(/[gy]/g, '');
      const re = new RegExp(regex[1], flags.includes('i') ? flags : flags + 'i');
      return (name) => re.test(name);
    } catch {
      /* fall through to text */
    }
  }
  const lower = text.toLowerCase();
  return (name) => name.toLowerCase().includes(lower);
}
