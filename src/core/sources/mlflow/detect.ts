// Finds MLflow file-store runs. Detection happens in each run folder (`<exp>/<run>/meta.yaml` with a
// `run_id`), reading the experiment's meta.yaml one level up for the project name. Claims keep
// discovery out of the store's own folders:
// - run folder: metrics/, params/, tags/, inputs/, outputs/ (artifacts/ stays open so Keras-autolog
//   TensorBoard logs are still found by the TensorBoard reader);
// - experiment folder: tags/, datasets/, traces/ and MLflow 3's models/ (logged models, not runs);
// - below a run's artifacts/: every file but TensorBoard event files, so no CSV/JSON there becomes a run;
// - `.trash/` (deleted experiments), deleted experiments and deleted runs: everything.
import path from 'node:path';
import { runId } from '../../runs/model';
import type { DetectIo, Detection, DirListing } from '../types';
import { experimentName, isDeleted, isExperimentMeta, isRunMeta, parseMetaYaml } from './meta';

const HEAD_BYTES = 256 * 1024;
const RUN_DIRS = ['metrics', 'params', 'tags', 'inputs', 'outputs'];
const EXPERIMENT_DIRS = ['tags', 'datasets', 'traces', 'models'];

export async function detectMlflow(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
  const { dir } = listing;
  if (isInTrash(dir)) {
    return listing.files.includes('meta.yaml') ? claimAll(listing) : undefined;
  }
  if (!listing.files.includes('meta.yaml')) {
    return detectInArtifacts(listing, io);
  }
  const meta = await readYaml(io, path.join(dir, 'meta.yaml'));
  if (meta && isRunMeta(meta)) {
    if (isDeleted(meta)) {
      return claimAll(listing);
    }
    return detectRun(listing, io, meta);
  }
  if (meta && isExperimentMeta(meta)) {
    if (isDeleted(meta)) {
      return claimAll(listing);
    }
    return {
      runs: [],
      claimedFiles: ['meta.yaml'],
      claimedDirs: listing.dirs.filter((d) => EXPERIMENT_DIRS.includes(d)),
    };
  }
  if (meta && meta.model_id !== undefined) {
    return claimAll(listing);
  }
  // A run whose meta.yaml is unreadable YAML still has its metrics: take it, the reader names the error.
  if (!meta && listing.dirs.includes('metrics') && (listing.dirs.includes('params') || listing.dirs.includes('tags'))) {
    return detectRun(listing, io, undefined);
  }
  return undefined;
}

async function detectRun(
  listing: DirListing,
  io: DetectIo,
  meta: Record<string, unknown> | undefined,
): Promise<Detection | undefined> {
  const { dir } = listing;
  const expDir = path.dirname(dir);
  const experiment = await readYaml(io, path.join(expDir, 'meta.yaml'));
  if (experiment && isDeleted(experiment)) {
    return claimAll(listing);
  }
  if (!experiment && !meta) {
    return undefined;
  }
  const name = await runName(io, dir, meta);
  return {
    runs: [
      {
        id: runId('mlflow', dir),
        format: 'mlflow',
        dir,
        project: experimentName(experiment, path.basename(expDir)),
        name,
      },
    ],
    claimedFiles: ['meta.yaml'],
    claimedDirs: listing.dirs.filter((d) => RUN_DIRS.includes(d)),
  };
}

/** `run_name` (or legacy `name`) from meta.yaml, else the `mlflow.runName` tag, else the run id. */
async function runName(io: DetectIo, dir: string, meta: Record<string, unknown> | undefined): Promise<string> {
  const fromMeta = [meta?.run_name, meta?.name].find((v) => typeof v === 'string' && v.trim() !== '');
  if (typeof fromMeta === 'string') {
    return fromMeta;
  }
  const tag = await io.readHead(path.join(dir, 'tags', 'mlflow.runName'), 1024);
  const fromTag = tag ? new TextDecoder().decode(tag).trim() : '';
  return fromTag || path.basename(dir);
}

/** Below `<run>/artifacts/`: claim every file but TensorBoard event files (see the header). */
async function detectInArtifacts(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
  const parts = listing.dir.split(path.sep);
  const at = parts.lastIndexOf('artifacts');
  if (at < 1) {
    return undefined;
  }
  const runDir = parts.slice(0, at).join(path.sep) || path.sep;
  const meta = await readYaml(io, path.join(runDir, 'meta.yaml'));
  if (!meta || !isRunMeta(meta)) {
    return undefined;
  }
  const claimedFiles = listing.files.filter((f) => !f.includes('tfevents'));
  return claimedFiles.length > 0 ? { runs: [], claimedFiles } : undefined;
}

function isInTrash(dir: string): boolean {
  return dir.split(path.sep).includes('.trash');
}

function claimAll(listing: DirListing): Detection {
  return { runs: [], claimedFiles: [...listing.files], claimedDirs: [...listing.dirs] };
}

async function readYaml(io: DetectIo, file: string): Promise<Record<string, unknown> | undefined> {
  const head = await io.readHead(file, HEAD_BYTES);
  if (!head || head.length === 0) {
    return undefined;
  }
  return parseMetaYaml(new TextDecoder().decode(head)).value;
}
