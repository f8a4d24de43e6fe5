// Finds and reads every run under some folders, once: what `runboard scan` and `export` need.
import type { RunFormat } from '../core/runs/model';
import { RunStore } from '../core/runs/runStore';
import type { RunState } from '../core/runs/runState';
import { ALL_FORMATS } from '../core/sources/registry';
import { discoverRuns } from '../core/watch/discovery';
import { makeExcluder } from '../core/watch/excludes';

export interface ScanOptions {
  verify?: boolean;
  formats?: RunFormat[];
}

export async function scanRuns(dirs: string[], options: ScanOptions = {}): Promise<RunState[]> {
  const formats = ALL_FORMATS.filter((f) => !options.formats || options.formats.includes(f.id));
  const store = new RunStore({ readerOptions: { verify: options.verify } });
  try {
    const found = await discoverRuns(dirs, { formats, isExcluded: makeExcluder() });
    for (const { run, format } of found) {
      store.add(run, format);
    }
    await store.settle();
    store.refreshStatuses();
    return store
      .all()
      .sort((a, b) => a.project.localeCompare(b.project) || a.dir.localeCompare(b.dir) || a.id.localeCompare(b.id));
  } finally {
    store.dispose();
  }
}
