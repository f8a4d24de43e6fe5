// The config diff: one column per run, rows = keys whose values differ (or all keys), ignoring keys
// that match the ignore patterns (seeds, paths, timestamps). Pure (unit-tested in Node).

export interface DiffRow {
  key: string;
  /** One cell per run, in run order; undefined when the run lacks the key. */
  values: (string | undefined)[];
  differs: boolean;
}

/**
 * `*` matches any run of characters; matching is case-insensitive and on the whole key or its last part.
 * A pattern starting with `!` keeps the keys it matches even when another pattern would leave them out.
 */
export function ignoreMatcher(patterns: string[]): (key: string) => boolean {
  const compile = (p: string) => new RegExp(`^${p.split('*').map(escapeRegex).join('.*')}$`, 'i');
  const ignore = patterns.filter((p) => !p.startsWith('!')).map(compile);
  const keep = patterns.filter((p) => p.startsWith('!')).map((p) => compile(p.slice(1)));
  return (key) => {
    const last = key.split('.').pop() ?? key;
    const matches = (re: RegExp) => re.test(key) || re.test(last);
    return ignore.some(matches) && !keep.some(matches);
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function diffConfigs(configs: [string, string][][], ignore: string[], showAll: boolean): DiffRow[] {
  const isIgnored = ignoreMatcher(ignore);
  const maps = configs.map((rows) => new Map(rows));
  const keys = new Set<string>();
  for (const rows of configs) {
    for (const [k] of rows) {
      keys.add(k);
    }
  }
  const out: DiffRow[] = [];
  for (const key of [...keys].sort()) {
    if (isIgnored(key)) {
      continue;
    }
    const values = maps.map((m) => m.get(key));
    const differs = new Set(values.map((v) => v ?? '\u0000missing')).size > 1;
    if (differs || showAll) {
      out.push({ key, values, differs });
    }
  }
  return out;
}
