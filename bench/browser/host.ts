// The host side of the browser benchmark: a synthetic run held in a real RunState, and the messages the
// extension posts for it, built with the extension's own DTO code (src/extension/panels/runDtos.ts) so
// the bench measures what users get. runPanel.ts itself imports `vscode`, so its three message shapes
// (snapshot, flush, range) are mirrored here line for line.
import v8 from 'node:v8';
import { RunState } from '../../src/core/runs/runState';
import { Series } from '../../src/core/series/series';
import {
  appendedData,
  configRows,
  fileEntries,
  headerDto,
  seriesData,
  seriesInfo,
  snapshotMessage as panelSnapshot,
} from '../../src/extension/panels/runDtos';
import type { RunFromWebview, RunToWebview } from '../../src/shared/runProtocol';
import { toWire as tagNonFinite } from '../../src/shared/wireNumbers';

export const WALL_START = 1.7e9;

/** A run with `count` series of `points` points each: noisy decaying losses with rare spikes. */
export function makeRun(count: number, points: number): RunState {
  const run = new RunState({
    id: 'tensorboard:/tmp/runboard-bench/run',
    format: 'tensorboard',
    dir: '/tmp/runboard-bench/run',
    project: 'bench',
    name: `bench ${count}×${points}`,
  });
  run.status = 'running';
  for (let c = 0; c < 20; c++) {
    run.config[`optimizer.param_${c}`] = c % 2 ? 0.001 * c : `value-${c}`;
  }
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let k = 0; k < count; k++) {
    const s = new Series(`train/loss_${k}`);
    for (let i = 0; i < points; i++) {
      const spike = i % 99_991 === 5_000 ? 3 : 0;
      s.push(i, Math.exp(-i / (points / 3)) * (1 + 0.2 * (random() - 0.5)) + spike, WALL_START + i * 0.05);
    }
    run.series.set(s.name, s);
  }
  return run;
}

/** What RunPanel.postSnapshot posts (images need a webview to build URIs: none in this run). */
/** What RunPanel posts after `ready` (no images, no console log in the bench run). */
export function snapshotMessage(run: RunState): RunToWebview {
  return panelSnapshot(run, { images: [] });
}

/** Pushes one point to `name` and returns what RunPanel.flush posts for it: append, header, details. */
export function liveUpdate(run: RunState, name: string): RunToWebview[] {
  const s = run.series.get(name);
  if (!s) {
    throw new Error(`no series ${name}`);
  }
  const from = s.length;
  const last = s.stats().last ?? [0, 1];
  s.push(last[0] + 1, last[1] * 0.999, WALL_START + (last[0] + 1) * 0.05);
  return [
    { type: 'append', data: [appendedData(s, from)], series: [seriesInfo(s)] },
    { type: 'header', header: headerDto(run) },
    { type: 'details', config: configRows(run), files: fileEntries(run), images: [] },
  ];
}

/** What RunPanel.postRange answers to a requestRange (same bucket clamp and axis mapping). */
export function rangeMessage(
  run: RunState,
  request: Extract<RunFromWebview, { type: 'requestRange' }>,
): RunToWebview | undefined {
  const series = run.series.get(request.name);
  if (!series) {
    return undefined;
  }
  const buckets = Math.max(16, Math.min(8192, Math.floor(request.buckets)));
  const mode = request.xAxis === 'step' ? 'step' : 'wall';
  return {
    type: 'range',
    requestId: request.requestId,
    data: seriesData(series, mode, request.xMin, request.xMax, buckets),
  };
}

/** Bytes of the structured clone of a message: V8's ValueSerializer, which postMessage uses too. */
export function cloneBytes(message: unknown): number {
  return v8.serialize(message).length;
}

/** Bytes of every Float64Array in a message (the rest is small JSON). */
export function typedBytes(message: unknown): number {
  if (message instanceof Float64Array) {
    return message.byteLength;
  }
  if (message && typeof message === 'object') {
    let sum = 0;
    for (const value of Object.values(message)) {
      sum += typedBytes(value);
    }
    return sum;
  }
  return 0;
}

/**
 * The message as VS Code carries it (JSON, so NaN/±Infinity outside typed arrays survive only through
 * the panels' own wireNumbers tags) for the trip node → page (each Float64Array as base64), which the
 * page decodes back to Float64Arrays before its own window.postMessage (a structured clone, as in VS
 * Code). The trip itself stands in for VS Code's IPC and is never inside a timed section.
 */
export function toWire(message: unknown): string {
  return JSON.stringify(tagNonFinite(message), (_key, value: unknown) =>
    value instanceof Float64Array
      ? { $f64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
      : value,
  );
}
