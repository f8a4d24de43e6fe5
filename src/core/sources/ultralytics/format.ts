// Ultralytics YOLO run dirs (YOLOv8/11/26 `args.yaml` + `results.csv`, YOLOv5 `opt.yaml` + `hyp.yaml`,
// 2020 YOLOv5 `results.txt`). Project = the parent folder (`detect`, `train`), name = the run folder.
import path from 'node:path';
import { runId, type DetectedRun } from '../../runs/model';
import { imageMime } from '../csv/parts';
import type { DetectIo, Detection, DirListing, SourceFormat } from '../types';
import { createUltralyticsReader } from './reader';

const OWN_FILES = ['results.csv', 'results.txt', 'args.yaml', 'opt.yaml', 'hyp.yaml'];

/** Whether a folder is an Ultralytics run dir (also a live one whose results.csv is not written yet). */
export async function isUltralyticsDir(listing: DirListing, io: DetectIo): Promise<boolean> {
  const has = (name: string): boolean => listing.files.includes(name);
  const results = has('results.csv') || has('results.txt');
  if (has('opt.yaml') && (results || has('hyp.yaml'))) {
    return true;
  } // YOLOv5
  if (!has('args.yaml')) {
    return false;
  }
  // A bare args.yaml is generic: require Ultralytics' own keys.
  const head = await io.readHead(path.join(listing.dir, 'args.yaml'), 8192);
  const text = head ? new TextDecoder().decode(head) : '';
  return (/^task:/m.test(text) && /^mode:/m.test(text)) || (results && /^epochs:/m.test(text));
}

export const ultralyticsFormat: SourceFormat = {
  id: 'ultralytics',
  label: 'Ultralytics',
  async detect(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
    if (!(await isUltralyticsDir(listing, io))) {
      return undefined;
    }
    const dir = listing.dir;
    const run: DetectedRun = {
      id: runId('ultralytics', dir),
      format: 'ultralytics',
      dir,
      project: path.basename(path.dirname(dir)),
      name: path.basename(dir),
    };
    return {
      runs: [run],
      claimedFiles: listing.files.filter((f) => OWN_FILES.includes(f) || imageMime(f) !== undefined),
      claimedDirs: listing.dirs.includes('weights') ? ['weights'] : [],
    };
  },
  createReader: createUltralyticsReader,
};
