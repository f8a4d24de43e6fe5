// Walks run roots and asks each format's detector about every folder, in priority order. Runs are
// reported as they are found, so a view can fill in while a large tree is still being walked.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DetectedRun } from '../runs/model';
import type { DetectIo, DirListing, SourceFormat } from '../sources/types';
import { fsDetectIo } from './fsDetectIo';

export interface FoundRun {
  run: DetectedRun;
  format: SourceFormat;
}

export interface DiscoveryOptions {
  /** Formats to ask, in priority order (earlier ones claim files first). */
  formats: SourceFormat[];
  /** True for folders never to walk into. */
  isExcluded?: (absPath: string) => boolean;
  maxDepth?: number;
  io?: DetectIo;
  /** Called for each run as it is found. */
  onRun?: (found: FoundRun) => void;
  /** Called for each folder that could not be read (permission denied, vanished). */
  onUnreadable?: (dir: string) => void;
  /** Checked between folders; return true to stop early. */
  isCancelled?: () => boolean;
  /** Only run detectors on folders modified at or after this time (ms); all folders are still walked. */
  changedSince?: number;
}

export interface DirectoryResult {
  found: FoundRun[];
  /** Sub-folders (absolute) to walk next: those no detector claimed. */
  descend: string[];
}

const DEFAULT_MAX_DEPTH = 24;

/** Detects the runs rooted in one folder. */
export async function detectDirectory(
  listing: DirListing,
  formats: SourceFormat[],
  io: DetectIo = fsDetectIo,
): Promise<DirectoryResult> {
  const found: FoundRun[] = [];
  const claimedFiles = new Set<string>();
  const claimedDirs = new Set<string>();
  for (const format of formats) {
    const view: DirListing = {
      dir: listing.dir,
      files: listing.files.filter((f) => !claimedFiles.has(f)),
      dirs: listing.dirs.filter((d) => !claimedDirs.has(d)),
    };
    let detection;
    try {
      detection = await format.detect(view, io);
    } catch (err) {
      console.error(`[runboard] ${format.id} detector failed on ${listing.dir}:`, err);
      continue;
    }
    if (!detection) {
      continue;
    }
    for (const run of detection.runs) {
      found.push({ run, format });
    }
    detection.claimedFiles?.forEach((f) => claimedFiles.add(f));
    detection.claimedDirs?.forEach((d) => claimedDirs.add(d));
  }
  const descend = listing.dirs.filter((d) => !claimedDirs.has(d)).map((d) => path.join(listing.dir, d));
  return { found, descend };
}

/** Folders read at once: directory listings and detectors' small reads overlap in the I/O pool. */
const CONCURRENCY = 16;

/** Walks every root breadth-first; resolves with all runs found. Symlink loops are walked once. */
export async function discoverRuns(roots: string[], options: DiscoveryOptions): Promise<FoundRun[]> {
  const io = options.io ?? fsDetectIo;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const seenReal = new Set<string>();
  const seenIds = new Set<string>();
  const all: FoundRun[] = [];
  const queue = roots.map((dir) => ({ dir: path.resolve(dir), depth: 0 }));

  const visit = async ({ dir, depth }: { dir: string; depth: number }): Promise<void> => {
    const real = await fs.realpath(dir).catch(() => undefined);
    if (!real || seenReal.has(real)) {
      return;
    }
    seenReal.add(real);
    const listing = await io.list(dir);
    if (!listing) {
      options.onUnreadable?.(dir);
      return;
    }
    const changed = options.changedSince === undefined || (await modifiedSince(dir, options.changedSince));
    const { found, descend } = changed
      ? await detectDirectory(listing, options.formats, io)
      : { found: [], descend: listing.dirs.map((d) => path.join(dir, d)) };
    for (const item of found) {
      if (seenIds.has(item.run.id)) {
        continue;
      }
      seenIds.add(item.run.id);
      all.push(item);
      options.onRun?.(item);
    }
    if (depth >= maxDepth) {
      return;
    }
    for (const child of descend) {
      if (!options.isExcluded?.(child)) {
        queue.push({ dir: child, depth: depth + 1 });
      }
    }
  };

  // A pool of workers over one growing queue: breadth-first order, CONCURRENCY folders at a time.
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (options.isCancelled?.()) {
        return;
      }
      await visit(next);
    }
  };
  let active: Promise<void>[] = [];
  do {
    active = Array.from({ length: Math.min(CONCURRENCY, Math.max(1, queue.length)) }, worker);
    await Promise.all(active);
  } while (queue.length > 0 && !options.isCancelled?.());
  return all;
}

async function modifiedSince(dir: string, since: number): Promise<boolean> {
  const stat = await fs.stat(dir).catch(() => undefined);
  return !stat || stat.mtimeMs >= since;
}
