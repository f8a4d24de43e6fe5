// Turns run state into the dashboard's DTOs (src/shared/runProtocol.ts).
import path from 'node:path';
import { bestCheckpoint, checkpointDetail, checkpointStep } from '../../core/checkpoints/runCheckpoints';
import { decimateMinMax } from '../../core/series/downsample';
import type { Series } from '../../core/series/series';
import type { RunState } from '../../core/runs/runState';
import { totalsFromConfig } from '../../core/runs/runTotals';
import type {
  FileEntryDto,
  ImageDto,
  RunHeaderDto,
  RunToWebview,
  SeriesDataDto,
  SeriesInfoDto,
  XAxisMode,
} from '../../shared/runProtocol';
import { formatLabel } from '../views/formatLabels';
import { histogramDtos } from './runHistograms';

/** Buckets of an overview: about two per pixel of a wide chart. */
export const OVERVIEW_BUCKETS = 1000;

export function headerDto(run: RunState): RunHeaderDto {
  const logged = loggedSpan(run);
  const epochs = run.series.get('epoch');
  const epoch = epochs?.stats().last?.[1];
  const fromConfig =
    run.totalSteps === undefined && run.totalEpochs === undefined
      ? totalsFromConfig(run.config, run.format !== 'wandb')
      : {};
  return {
    id: run.id,
    name: run.name,
    project: run.project,
    format: run.format,
    formatLabel: formatLabel(run.format),
    status: run.status,
    dir: run.file ?? run.dir,
    startTime: run.startTime ?? logged.firstWall,
    endTime: run.endTime,
    lastUpdate: run.lastUpdate,
    lastLogTime: logged.lastWall,
    currentStep: logged.lastStep,
    totalSteps: run.totalSteps ?? fromConfig.totalSteps,
    totalEpochs: run.totalEpochs ?? fromConfig.totalEpochs,
    currentEpoch: epoch !== undefined && Number.isFinite(epoch) ? epoch : undefined,
    ...(epochs && epochs.length > 0 && epochs.values[0] === 1 ? { epochsFromOne: true } : {}),
    errors: run.errors.slice(0, 50).map((e) => ({ code: e.code, message: e.message, file: e.file })),
  };
}

/** One pass over the series: the latest step logged, and the first and last logged times. */
function loggedSpan(run: RunState): { lastStep?: number; firstWall?: number; lastWall?: number } {
  const span: { lastStep?: number; firstWall?: number; lastWall?: number } = {};
  for (const s of run.series.values()) {
    const last = s.stats().last;
    if (last && (span.lastStep === undefined || last[0] > span.lastStep)) {
      span.lastStep = last[0];
    }
    if (s.length === 0) {
      continue;
    }
    const first = s.wallTimes[0];
    if (Number.isFinite(first) && (span.firstWall === undefined || first < span.firstWall)) {
      span.firstWall = first;
    }
    const latest = s.wallTimes[s.length - 1];
    if (Number.isFinite(latest) && (span.lastWall === undefined || latest > span.lastWall)) {
      span.lastWall = latest;
    }
  }
  return span;
}

export function seriesInfo(series: Series): SeriesInfoDto {
  const st = series.stats();
  return {
    name: series.name,
    n: st.n,
    last: st.last,
    min: st.min,
    max: st.max,
    minStep: st.minStep,
    maxStep: st.maxStep,
  };
}

/** The points of a series to draw for x in [xMin, xMax], decimated to `buckets` (full resolution when few). */
export function seriesData(
  series: Series,
  xAxis: XAxisMode = 'step',
  xMin = -Infinity,
  xMax = Infinity,
  buckets = OVERVIEW_BUCKETS,
): SeriesDataDto {
  const xs = xAxis === 'step' ? series.steps : series.wallTimes;
  const { indexes, full } = decimateMinMax(xs, series.values, buckets, xMin, xMax);
  const steps = new Float64Array(indexes.length);
  const values = new Float64Array(indexes.length);
  const wallTimes = new Float64Array(indexes.length);
  const s = series.steps;
  const v = series.values;
  const w = series.wallTimes;
  for (let i = 0; i < indexes.length; i++) {
    const k = indexes[i];
    steps[i] = s[k];
    values[i] = v[k];
    wallTimes[i] = w[k];
  }
  return { name: series.name, steps, values, wallTimes, full };
}

/** Points appended since index `from`. */
export function appendedData(series: Series, from: number): SeriesDataDto {
  const batch = series.slice(from);
  return { name: series.name, ...batch, full: true };
}

export function configRows(run: RunState): [string, string][] {
  return Object.keys(run.config)
    .sort()
    .map((k) => [k, String(run.config[k])]);
}

export function fileEntries(run: RunState): FileEntryDto[] {
  const files: FileEntryDto[] = [];
  const best = bestCheckpoint(run.checkpoints);
  const epochs = run.series.get('epoch');
  for (const c of run.checkpoints) {
    const step = checkpointStep(c, epochs);
    const detail = checkpointDetail(c, c === best);
    files.push({
      path: c.path,
      label: path.basename(c.path),
      kind: 'checkpoint',
      detail,
      step,
      ...(c.mtimeMs !== undefined ? { savedAt: c.mtimeMs / 1000 } : {}),
      ...(c === best ? { best: true } : {}),
    });
  }
  for (const image of run.images) {
    if (image.source.kind !== 'file') {
      continue;
    }
    files.push({
      path: image.source.path,
      label: path.basename(image.source.path),
      kind: 'image',
      detail: image.step !== undefined ? `${image.tag} · step ${image.step}` : image.tag,
    });
  }
  for (const f of run.otherFiles) {
    files.push({
      path: f.path,
      label: path.basename(f.path),
      kind: f.role === 'log' ? 'log' : f.role === 'config' ? 'config' : 'file',
    });
  }
  return files;
}

/**
 * The whole dashboard in one message (after `ready`, and after a rewrite). What needs the webview or
 * the disk (image URIs, the console log's tail) comes in ready-made: the bench builds the same message.
 */
export function snapshotMessage(
  run: RunState,
  extras: { images: ImageDto[]; log?: { text: string; file: string } },
): RunToWebview {
  const series = [...run.series.values()];
  return {
    type: 'snapshot',
    header: headerDto(run),
    config: configRows(run),
    series: series.map(seriesInfo),
    overviews: series.map((s) => seriesData(s)),
    files: fileEntries(run),
    images: extras.images,
    logTail: extras.log?.text,
    logFile: extras.log?.file,
    histograms: histogramDtos(run.histograms),
  };
}
