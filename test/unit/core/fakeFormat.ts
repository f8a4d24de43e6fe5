// A scriptable SourceFormat for store and discovery tests: a folder holding `run.txt` is a run; its
// reader returns the deltas the test queues.
import path from 'node:path';
import type { RunDelta } from '../../../src/core/runs/model';
import { runId } from '../../../src/core/runs/model';
import type { SourceFormat } from '../../../src/core/sources/types';

export interface FakeFormat extends SourceFormat {
  queue: Map<string, RunDelta[]>;
  polls: number;
}

export function fakeFormat(marker = 'run.txt', claimDirs: string[] = []): FakeFormat {
  const format: FakeFormat = {
    id: 'csv',
    label: 'Fake',
    queue: new Map(),
    polls: 0,
    async detect(listing) {
      if (!listing.files.includes(marker)) {
        return undefined;
      }
      const dir = listing.dir;
      return {
        runs: [
          {
            id: runId('csv', dir),
            format: 'csv',
            dir,
            project: path.basename(path.dirname(dir)),
            name: path.basename(dir),
          },
        ],
        claimedFiles: [marker],
        claimedDirs: claimDirs.filter((d) => listing.dirs.includes(d)),
      };
    },
    createReader(run) {
      return {
        async poll() {
          format.polls++;
          return format.queue.get(run.id)?.shift() ?? {};
        },
      };
    },
  };
  return format;
}
