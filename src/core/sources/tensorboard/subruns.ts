// Folding PyTorch/tensorboardX helper sub-runs into the run that made them.
//
// Rule (by the first tag written in the sub-directory's first event file, read from its head):
// * `add_scalars(main_tag, {k: v})` writes tag `main_tag` into `<run>/<main_tag>_<k>/` (PyTorch) or
//   `<run>/<main_tag>/<k>/` (tensorboardX, old PyTorch). A sub-directory at relative path P (one or
//   two levels deep) whose first tag T satisfies norm(P) starting with norm(T) + '_' — norm replaces
//   '/' and ' ' by '_' — is folded; its tag T becomes the series `T/<rest of P>`, e.g. `loss_train` +
//   `loss` → `loss/train`, `acc/val` + `acc` → `acc/val`, `sin and cos/cos` + `sin_and_cos` →
//   `sin_and_cos/cos`. Any other tag in it becomes `P/<tag>`.
// * `add_hparams()` writes `_hparams_/…` summaries into `<run>/<name>/`: folded with tag names kept
//   (e.g. `hparam/best_acc`), its hparams become the run's config.
// A sub-directory whose event files have no summary yet stays undecided (retried later); one with
// any other first tag is a run of its own.
import path from 'node:path';
import type { DetectIo, DirListing } from '../types';
import type { EventSink } from './events';
import { EventDecoder } from './events';
import { scanRecords } from './records';
import { TagTable } from './tags';
import { WireReader } from './wire';

export interface SubRun {
  /** Path relative to the run dir, `/`-separated. */
  rel: string;
  dir: string;
  kind: 'scalars' | 'hparams';
  rename: (tag: string) => string;
}

export type SubRunClass = SubRun | 'no' | 'unknown';

const HEAD_BYTES = 64 * 1024;
const MAX_SECOND_LEVEL = 64;
/** A log dir with more sub-directories than this is a folder of runs, not one run with helpers. */
const MAX_SUBDIRS = 256;

export function isEventFileName(name: string): boolean {
  return name.includes('tfevents') && !name.endsWith('.profile-empty');
}

const norm = (s: string): string => s.replace(/[/ ]/g, '_');

export function classifySubRun(rel: string, dir: string, firstTagName: string | undefined): SubRunClass {
  if (firstTagName === undefined) {
    return 'unknown';
  }
  if (firstTagName.startsWith('_hparams_/')) {
    return { rel, dir, kind: 'hparams', rename: (tag) => tag };
  }
  const t = norm(firstTagName);
  if (t.length > 0 && norm(rel).startsWith(t + '_') && rel.length > t.length + 1) {
    const rest = rel.slice(t.length + 1);
    const series = `${firstTagName}/${rest}`;
    return { rel, dir, kind: 'scalars', rename: (tag) => (tag === firstTagName ? series : `${rel}/${tag}`) };
  }
  return 'no';
}

const noopSink: EventSink = { image() {}, text() {}, hparams() {}, wallTime() {} };

/** The first summary tag in the complete records of `head`, if any. */
export function firstTag(head: Uint8Array): string | undefined {
  const tags = new TagTable();
  const decoder = new EventDecoder(tags, noopSink);
  const reader = new WireReader(head);
  let found: string | undefined;
  scanRecords(head, false, (s, e) => {
    if (found !== undefined) {
      return true;
    }
    try {
      decoder.decode(reader, s, e);
    } catch {
      return false;
    }
    for (const entry of tags.entries()) {
      found = entry.tag;
      break;
    }
    return true;
  });
  return found;
}

export interface SubRunScan {
  subRuns: SubRun[];
  /** Top-level sub-directory names wholly made of folded sub-runs. */
  claimedDirs: string[];
}

/** Finds the folded sub-runs below a run dir. `cache` keeps decided classifications between polls. */
export async function findSubRuns(
  listing: DirListing,
  io: DetectIo,
  cache?: Map<string, SubRunClass>,
): Promise<SubRunScan> {
  const subRuns: SubRun[] = [];
  const claimedDirs: string[] = [];
  if (listing.dirs.length > MAX_SUBDIRS) {
    return { subRuns, claimedDirs };
  }
  for (const d of listing.dirs) {
    if (d === 'checkpoints') {
      continue;
    }
    const sub = await io.list(path.join(listing.dir, d));
    if (!sub) {
      continue;
    }
    const found: SubRunClass[] = [];
    if (sub.files.some(isEventFileName)) {
      found.push(await classifyDir(d, sub, io, cache));
    } else if (sub.dirs.length <= MAX_SECOND_LEVEL) {
      for (const e of sub.dirs) {
        const subsub = await io.list(path.join(sub.dir, e));
        if (subsub?.files.some(isEventFileName)) {
          found.push(await classifyDir(`${d}/${e}`, subsub, io, cache));
        }
      }
    }
    const folded = found.filter((c): c is SubRun => typeof c !== 'string');
    subRuns.push(...folded);
    if (found.length > 0 && folded.length === found.length) {
      claimedDirs.push(d);
    }
  }
  return { subRuns, claimedDirs };
}

async function classifyDir(
  rel: string,
  listing: DirListing,
  io: DetectIo,
  cache?: Map<string, SubRunClass>,
): Promise<SubRunClass> {
  const cached = cache?.get(rel);
  if (cached !== undefined && cached !== 'unknown') {
    return cached;
  }
  const files = listing.files.filter(isEventFileName).sort();
  let result: SubRunClass = 'unknown';
  for (const f of files) {
    const head = await io.readHead(path.join(listing.dir, f), HEAD_BYTES);
    result = classifySubRun(rel, listing.dir, head ? firstTag(head) : undefined);
    if (result !== 'unknown') {
      break;
    }
  }
  cache?.set(rel, result);
  return result;
}
