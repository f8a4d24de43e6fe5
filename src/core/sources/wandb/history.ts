// Turns W&B history rows (from `.wandb` HistoryRecords or legacy `wandb-history.jsonl` lines) into points
// and image artifacts, as wandb's own readers see them: name = `key` or nested_key joined by `/`; names
// starting with `_` skipped; only numbers are series; an item group with a `_type` is media, not series.
import path from 'node:path';
import type { HistogramSnapshot, ImageArtifact } from '../../runs/model';
import { wandbHistogramToBuckets, type WandbHistogram } from '../histogramLayout';
import type { PointCollector } from '../../series/series';
import type { HistoryRecord } from './records';
import { parseNumberJson, parseValueJson } from './valueJson';

export interface HistorySink {
  points: PointCollector;
  images: ImageArtifact[];
  /** Called once per item whose value_json is not JSON. */
  badValue(name: string, text: string): void;
  /** Latest `_timestamp` seen (seconds), NaN before any. */
  wallTime: number;
  /** A logged `wandb.Histogram`, in TensorBoard's [k, 3] layout. */
  histogram?(tag: string, snapshot: HistogramSnapshot): void;
}

/** Media fields of one logged item group (`samples/_type`, `samples/path`, …). */
type MediaFields = Record<string, unknown>;

// Scratch columns of the row being decoded, reused across rows (the hot loop allocates nothing else).
const rowNames: string[] = [];
const rowValues: number[] = [];

/** One HistoryRecord → points; `fallbackStep` is used when the record has no step. */
export function applyHistoryRecord(
  rec: HistoryRecord,
  filesDir: string,
  fallbackStep: number,
  sink: HistorySink,
): number {
  if (hasMedia(rec)) {
    return applyHistoryWithMedia(rec, filesDir, fallbackStep, sink);
  }
  // Fast path (wandb-core rows of scalars): numbers straight to columns, objects via the general path.
  let stepValue = NaN;
  let wallTime = NaN;
  let others: Map<string, unknown> | undefined;
  rowNames.length = 0;
  rowValues.length = 0;
  for (const item of rec.items) {
    const name =
      item.nestedKey.length === 1 ? item.nestedKey[0] : item.nestedKey.length > 0 ? item.nestedKey.join('/') : item.key;
    if (name === '') {
      continue;
    }
    if (name.charCodeAt(0) === 95 /* _ */) {
      if (name === '_step') {
        stepValue = parseNumberJson(item.valueJson) ?? NaN;
      } else if (name === '_timestamp') {
        wallTime = parseNumberJson(item.valueJson) ?? NaN;
      }
      continue;
    }
    const n = parseNumberJson(item.valueJson);
    if (n !== undefined) {
      rowNames.push(name);
      rowValues.push(n);
      continue;
    }
    const parsed = parseValueJson(item.valueJson);
    if (!parsed.ok) {
      sink.badValue(name, item.valueJson);
    } else if (typeof parsed.value === 'number') {
      rowNames.push(name);
      rowValues.push(parsed.value);
    } else if (parsed.value !== null && typeof parsed.value === 'object') {
      others ??= new Map();
      others.set(name, parsed.value);
    }
  }
  const step = rec.step ?? (Number.isNaN(stepValue) ? fallbackStep : stepValue);
  if (!Number.isNaN(wallTime)) {
    sink.wallTime = wallTime;
  }
  for (let i = 0; i < rowNames.length; i++) {
    sink.points.add(rowNames[i], step, rowValues[i], wallTime);
  }
  if (others) {
    others.set('_timestamp', wallTime);
    emitRow(others, step, filesDir, sink);
  }
  return step;
}

function hasMedia(rec: HistoryRecord): boolean {
  for (const item of rec.items) {
    const n = item.nestedKey.length;
    if (n >= 2 && item.nestedKey[n - 1] === '_type') {
      return true;
    }
  }
  return false;
}

/** Rows with logged media: wandb-core splits a logged object into leaves [key, field]; `_type` marks media. */
function applyHistoryWithMedia(rec: HistoryRecord, filesDir: string, fallbackStep: number, sink: HistorySink): number {
  const values = new Map<string, unknown>();
  const media = new Map<string, MediaFields>();
  for (const item of rec.items) {
    const parts = item.nestedKey.length > 0 ? item.nestedKey : [item.key];
    const parsed = parseValueJson(item.valueJson);
    const name = parts.join('/');
    if (!parsed.ok) {
      if (!name.startsWith('_')) {
        sink.badValue(name, item.valueJson);
      }
      continue;
    }
    if (parts.length >= 2 && parts[parts.length - 1] === '_type') {
      const group = parts.slice(0, -1).join('/');
      const fields = media.get(group) ?? {};
      fields._type = parsed.value;
      media.set(group, fields);
    }
    values.set(name, parsed.value);
  }
  // Gather media groups' fields and drop them from the values.
  for (const [group, fields] of media) {
    const prefix = `${group}/`;
    for (const [name, value] of values) {
      if (name.startsWith(prefix)) {
        fields[name.slice(prefix.length)] = value;
        values.delete(name);
      }
    }
  }
  const stepValue = values.get('_step');
  const step = rec.step ?? (typeof stepValue === 'number' ? stepValue : fallbackStep);
  emitRow(values, step, filesDir, sink, media);
  return step;
}

/** One legacy `wandb-history.jsonl` row (a plain object) → points. */
export function applyHistoryRow(
  row: Record<string, unknown>,
  filesDir: string,
  fallbackStep: number,
  sink: HistorySink,
): number {
  const stepValue = row._step;
  const step = typeof stepValue === 'number' ? stepValue : fallbackStep;
  emitRow(new Map(Object.entries(row)), step, filesDir, sink, undefined);
  return step;
}

function emitRow(
  values: Map<string, unknown>,
  step: number,
  filesDir: string,
  sink: HistorySink,
  media?: Map<string, MediaFields>,
): void {
  const ts = values.get('_timestamp');
  const wallTime = typeof ts === 'number' ? ts : NaN;
  if (!Number.isNaN(wallTime)) {
    sink.wallTime = wallTime;
  }
  for (const [name, value] of values) {
    if (name === '' || name.startsWith('_')) {
      continue;
    }
    if (typeof value === 'number') {
      sink.points.add(name, step, value, wallTime);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const obj = value as Record<string, unknown>;
      if ('_type' in obj) {
        addMedia(name, obj, step, wallTime, filesDir, sink);
      } else {
        flattenNumbers(name, obj, step, wallTime, sink, 0);
      }
    }
  }
  for (const [group, fields] of media ?? []) {
    addMedia(group, fields, step, wallTime, filesDir, sink);
  }
}

/** Older writers log a dict under one key: its numeric leaves become `key/leaf` series. */
function flattenNumbers(
  prefix: string,
  obj: Record<string, unknown>,
  step: number,
  wallTime: number,
  sink: HistorySink,
  depth: number,
): void {
  if (depth > 8) {
    return;
  }
  for (const [key, value] of Object.entries(obj)) {
    if (key.startsWith('_')) {
      continue;
    }
    const name = `${prefix}/${key}`;
    if (typeof value === 'number') {
      sink.points.add(name, step, value, wallTime);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !('_type' in value)) {
      flattenNumbers(name, value as Record<string, unknown>, step, wallTime, sink, depth + 1);
    }
  }
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
};

export function imageMime(file: string): string | undefined {
  return MIME[path.extname(file).toLowerCase()];
}

function addMedia(
  tag: string,
  fields: MediaFields,
  step: number,
  wallTime: number,
  filesDir: string,
  sink: HistorySink,
): void {
  if (fields._type === 'histogram') {
    const buckets = wandbHistogramToBuckets(fields as WandbHistogram);
    if (buckets) {
      sink.histogram?.(tag, { step, wallTime, buckets });
    }
    return;
  }
  // Only single image files carry a path; `images/separated` groups are found by the media folder scan.
  if (fields._type !== 'image-file' || typeof fields.path !== 'string') {
    return;
  }
  const rel = fields.path;
  const mime = imageMime(rel);
  if (!mime || rel.includes('..')) {
    return;
  }
  const image: ImageArtifact = { tag, step, mime, source: { kind: 'file', path: path.join(filesDir, rel) } };
  if (!Number.isNaN(wallTime)) {
    image.wallTime = wallTime;
  }
  if (typeof fields.width === 'number') {
    image.width = fields.width;
  }
  if (typeof fields.height === 'number') {
    image.height = fields.height;
  }
  sink.images.push(image);
}
