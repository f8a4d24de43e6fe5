// What Delete Run may move to the trash. A run is its folder (or its one file), but some formats call any
// folder holding their files a run: a TensorBoard event file written at the workspace root makes the
// root a run, and trashing it would take every other run and all the code with it. Such runs are refused,
// with the reason; the Explorer is still there for a person who means it.
import path from 'node:path';

export interface DeletableRun {
  id: string;
  name: string;
  dir: string;
  file?: string;
}

/** Why `run` must not be trashed as a whole, or undefined when it may be. */
export function deleteRefusal(
  run: DeletableRun,
  others: DeletableRun[],
  workspaceFolders: string[],
): string | undefined {
  if (run.file) {
    return undefined;
  }
  const dir = path.resolve(run.dir);
  if (dir === path.parse(dir).root) {
    return `${dir} is the root of the file system`;
  }
  const folder = workspaceFolders.map((f) => path.resolve(f)).find((f) => isSame(f, dir) || isInside(f, dir));
  if (folder) {
    return isSame(folder, dir) ? `${dir} is a workspace folder` : `${dir} holds the workspace folder ${folder}`;
  }
  // Another format's run in the same folder (Lightning's CSV and TensorBoard loggers, YOLO's results.csv
  // beside its event file) would go with it too.
  const inside = others.filter((o) => {
    const other = path.resolve(o.file ?? o.dir);
    return o.id !== run.id && (isSame(other, dir) || isInside(other, dir));
  });
  if (inside.length > 0) {
    const names = inside
      .slice(0, 3)
      .map((o) => `"${o.name}"`)
      .join(', ');
    const more = inside.length > 3 ? ` and ${inside.length - 3} more` : '';
    return `${dir} holds ${inside.length === 1 ? 'another run' : `${inside.length} other runs`} (${names}${more})`;
  }
  return undefined;
}

/** Same path (case-insensitively where the file system is: path.relative knows). */
function isSame(a: string, b: string): boolean {
  return path.relative(a, b) === '';
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
