// PyTorch Lightning CSVLogger: `<save_dir>/<name>/version_N/metrics.csv` + `hparams.yaml` + `checkpoints/`,
// and the 0.x layout with `meta_tags.csv`. Project = logger name (parent folder), name = `version_N`.
import path from 'node:path';
import { runId, type DetectedRun } from '../../runs/model';
import { ArtifactsPart, ConfigPart, TablesPart, listFiles } from '../csv/parts';
import { PartsReader } from '../csv/partsReader';
import { stepByName } from '../csv/tableSeries';
import type { DetectIo, Detection, DirListing, RunReader, SourceFormat } from '../types';
import { listCheckpoints } from './checkpoints';
import { parseMetaTags } from './metaTags';

const OWN_FILES = ['metrics.csv', 'hparams.yaml', 'meta_tags.csv', 'meta.experiment'];

/** A CSVLogger version dir: metrics.csv in `version_*`, or beside hparams.yaml / meta_tags.csv (string versions). */
export function isLightningCsvDir(listing: DirListing): boolean {
  const has = (name: string): boolean => listing.files.includes(name);
  if (!has('metrics.csv')) {
    return false;
  }
  return /^version_/.test(path.basename(listing.dir)) || has('hparams.yaml') || has('meta_tags.csv');
}

export const lightningFormat: SourceFormat = {
  id: 'lightning',
  label: 'PyTorch Lightning',
  async detect(listing: DirListing, _io: DetectIo): Promise<Detection | undefined> {
    if (!isLightningCsvDir(listing)) {
      return undefined;
    }
    const dir = listing.dir;
    const run: DetectedRun = {
      id: runId('lightning', dir),
      format: 'lightning',
      dir,
      project: path.basename(path.dirname(dir)),
      name: path.basename(dir),
    };
    return {
      runs: [run],
      claimedFiles: listing.files.filter((f) => OWN_FILES.includes(f)),
      claimedDirs: listing.dirs.includes('checkpoints') ? ['checkpoints'] : [],
    };
  },
  createReader(run: DetectedRun): RunReader {
    const dir = run.dir;
    const metrics = path.join(dir, 'metrics.csv');
    return new PartsReader(
      [
        new ConfigPart(path.join(dir, 'hparams.yaml')),
        new ConfigPart(path.join(dir, 'meta_tags.csv'), parseMetaTags),
        new TablesPart(
          async () => ((await listFiles(dir)).includes('metrics.csv') ? [metrics] : []),
          // `step` unless the user logged none (0.x files have `epoch` only); `epoch` is then a series too.
          () => ({ stepColumn: (header) => stepByName(header, ['step', 'epoch']) }),
        ),
        new ArtifactsPart(async () => ({
          checkpoints: await listCheckpoints(path.join(dir, 'checkpoints')),
          images: [],
          files: [],
        })),
      ],
      dir,
    );
  },
};
