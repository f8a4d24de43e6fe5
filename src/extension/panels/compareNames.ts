// Display names for compared runs: runs from different projects often share a name (`version_0`, `exp`,
// `train`), so a repeated name gets the shortest suffix that tells it apart — its project when no other
// run of that name has the same project, else the shortest tail of its folder path no other has.
// Pure (unit-tested in Node).

export interface NamedRun {
  id: string;
  name: string;
  project: string;
  dir: string;
}

/** Run id → a label unique among `runs` (the plain name when nothing else has it). */
export function compareLabels(runs: readonly NamedRun[]): Map<string, string> {
  const byName = new Map<string, NamedRun[]>();
  for (const run of runs) {
    byName.set(run.name, [...(byName.get(run.name) ?? []), run]);
  }
  const labels = new Map<string, string>();
  for (const [name, group] of byName) {
    if (group.length === 1) {
      labels.set(group[0].id, name);
      continue;
    }
    for (const run of group) {
      labels.set(run.id, `${name} (${qualifier(run, group)})`);
    }
  }
  return uniquify(runs, labels);
}

function qualifier(run: NamedRun, group: readonly NamedRun[]): string {
  const others = group.filter((r) => r !== run);
  if (run.project && !others.some((r) => r.project === run.project)) {
    return run.project;
  }
  const mine = segments(run);
  const theirs = others.map(segments);
  for (let k = 1; k <= mine.length; k++) {
    const tail = mine.slice(-k).join('/');
    if (!theirs.some((segs) => segs.slice(-k).join('/') === tail)) {
      return tail;
    }
  }
  // Same folder (several runs in one place): the project or folder, made unique below.
  return run.project || mine.slice(-1)[0] || run.id;
}

/** The run folder's path segments, without a last segment that only repeats the run's name. */
function segments(run: NamedRun): string[] {
  const segs = run.dir.split(/[\\/]+/).filter((s) => s.length > 0);
  return segs.length > 0 && segs[segs.length - 1] === run.name ? segs.slice(0, -1) : segs;
}

/** Labels that still collide (same folder, or a run literally named like another's label) get ` #2`, ` #3`… */
function uniquify(runs: readonly NamedRun[], labels: Map<string, string>): Map<string, string> {
  const seen = new Set<string>();
  const out = new Map<string, string>();
  for (const run of runs) {
    const base = labels.get(run.id) ?? run.name;
    let label = base;
    for (let i = 2; seen.has(label); i++) {
      label = `${base} #${i}`;
    }
    seen.add(label);
    out.set(run.id, label);
  }
  return out;
}
