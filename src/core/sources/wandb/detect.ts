// Finds W&B runs: `run-…-<id>/` and `offline-run-…-<id>/` folders inside a `wandb/` or `.wandb/` folder
// (or a run folder opened on its own). Name and project come from the head of the `.wandb` log when
// it holds the RunRecord (it is the second record), else the id and the folder holding `wandb/`.
import path from 'node:path';
import { runId, type DetectedRun } from '../../runs/model';
import type { Detection, DetectIo, DirListing } from '../types';
import { LogScanner } from './logScanner';
import { decodeRecord, type RunRecord } from './records';
import { fallbackProject, isWandbRoot, parseRunDirName, resumeSuffix } from './runDirs';

const HEAD_BYTES = 64 * 1024;
/** Files wandb keeps beside its run folders. */
const ROOT_FILES = ['debug.log', 'debug-internal.log', 'settings'];
const LEGACY_FILES = ['wandb-history.jsonl', 'wandb-metadata.json', 'wandb-summary.json'];

export async function detectWandb(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
  if (isWandbRoot(listing.dir)) {
    return detectRoot(listing, io);
  }
  const base = path.basename(listing.dir);
  const parsed = parseRunDirName(base);
  if (parsed && looksLikeRun(listing, parsed.id)) {
    const run = await describe(listing.dir, listing, parsed.id, '', io);
    return { runs: [run], claimedFiles: [...listing.files], claimedDirs: [...listing.dirs] };
  }
  return undefined;
}

async function detectRoot(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
  const runs: DetectedRun[] = [];
  const claimedDirs: string[] = [];
  for (const name of listing.dirs) {
    const parsed = parseRunDirName(name);
    if (!parsed) {
      continue;
    }
    const runDir = path.join(listing.dir, name);
    const inner = await io.list(runDir);
    if (!inner || !looksLikeRun(inner, parsed.id)) {
      continue;
    }
    claimedDirs.push(name);
    runs.push(await describe(runDir, inner, parsed.id, resumeSuffix(name, listing.dirs), io));
  }
  if (runs.length === 0) {
    return undefined;
  }
  // `latest-run` is a symlink to one of the run folders: reading it would show that run twice.
  if (listing.dirs.includes('latest-run')) {
    claimedDirs.push('latest-run');
  }
  const claimedFiles = listing.files.filter((f) => ROOT_FILES.includes(f) || f === 'latest-run');
  return { runs, claimedDirs, claimedFiles };
}

function looksLikeRun(inner: DirListing, id: string): boolean {
  return (
    inner.files.includes(`run-${id}.wandb`) ||
    inner.files.some((f) => f.endsWith('.wandb')) ||
    inner.dirs.includes('files') ||
    LEGACY_FILES.some((f) => inner.files.includes(f))
  );
}

export function wandbLogFile(inner: DirListing, id: string): string | undefined {
  const exact = `run-${id}.wandb`;
  const name = inner.files.includes(exact) ? exact : inner.files.find((f) => f.endsWith('.wandb'));
  return name ? path.join(inner.dir, name) : undefined;
}

async function describe(
  runDir: string,
  inner: DirListing,
  id: string,
  suffix: string,
  io: DetectIo,
): Promise<DetectedRun> {
  const log = wandbLogFile(inner, id);
  const rec = log ? await readRunRecord(log, io) : undefined;
  return {
    id: runId('wandb', runDir),
    format: 'wandb',
    dir: runDir,
    project: rec?.project || fallbackProject(runDir),
    name: (rec?.displayName || id) + suffix,
  };
}

/** The first RunRecord in the head of a `.wandb` file, if any; never throws. */
export async function readRunRecord(file: string, io: DetectIo): Promise<RunRecord | undefined> {
  const head = await io.readHead(file, HEAD_BYTES);
  if (!head) {
    return undefined;
  }
  let found: RunRecord | undefined;
  new LogScanner().feed(head, {
    record(bytes, start, end) {
      if (found) {
        return;
      }
      try {
        const rec = decodeRecord(bytes.subarray(start, end));
        if (rec?.type === 'run') {
          found = rec.run;
        }
      } catch {
        // A broken record in the head: the reader reports it; detection only wants the name.
      }
    },
    error() {
      // Reported by the reader.
    },
  });
  return found;
}
