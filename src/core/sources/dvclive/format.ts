// DVCLive: a folder holding `dvclive/` with `metrics.json`, `params.yaml`, `plots/metrics/**/*.tsv`,
// `plots/images/`; legacy (< 1.0) `dvclive.json` beside `dvclive/*.tsv`. The run is the `dvclive/` dir;
// project = the folder holding it, name = `dvclive`.
import path from 'node:path';
import { runId, type DetectedRun } from '../../runs/model';
import { ArtifactsPart, ConfigPart, TablesPart } from '../csv/parts';
import { PartsReader, type ReaderPart } from '../csv/partsReader';
import { stepByName } from '../csv/tableSeries';
import type { DetectIo, Detection, DirListing, RunReader, SourceFormat } from '../types';
import { listImages, listMetricTables, type DvcliveTables } from './files';

const LIVE_DIR = 'dvclive';

export const dvcliveFormat: SourceFormat = {
  id: 'dvclive',
  label: 'DVCLive',
  async detect(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
    if (!listing.dirs.includes(LIVE_DIR)) {
      return undefined;
    }
    const liveDir = path.join(listing.dir, LIVE_DIR);
    const live = await io.list(liveDir);
    if (!live) {
      return undefined;
    }
    const legacy = listing.files.includes('dvclive.json');
    const modern =
      live.files.includes('metrics.json') || live.files.includes('dvc.yaml') || live.dirs.includes('plots');
    if (!modern && !legacy && !live.files.some((f) => f.endsWith('.tsv'))) {
      return undefined;
    }
    const run: DetectedRun = {
      id: runId('dvclive', liveDir),
      format: 'dvclive',
      dir: liveDir,
      project: path.basename(listing.dir),
      name: LIVE_DIR,
    };
    return { runs: [run], claimedDirs: [LIVE_DIR], claimedFiles: legacy ? ['dvclive.json'] : [] };
  },
  createReader(run: DetectedRun): RunReader {
    const liveDir = run.dir;
    const tables: DvcliveTables = { names: new Map() };
    const parts: ReaderPart[] = [
      // The DVC project's params.yaml beside dvclive/ (legacy runs keep their params only there); DVCLive's own wins.
      new ConfigPart(path.join(path.dirname(liveDir), 'params.yaml')),
      new ConfigPart(path.join(liveDir, 'params.yaml')),
      new TablesPart(
        () => listMetricTables(liveDir, tables),
        (file) => ({
          dialect: { delimiter: '\t' },
          stepColumn: (header) => stepByName(header, ['step']),
          wallTime: { column: 'timestamp', scale: 0.001 },
          seriesName: () => tables.names.get(file),
        }),
      ),
      new ArtifactsPart(async () => ({ checkpoints: [], images: await listImages(liveDir), files: [] })),
    ];
    return new PartsReader(parts, liveDir);
  },
};
