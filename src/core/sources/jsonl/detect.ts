// Finds JSON-lines metric logs in one directory: `*.jsonl` / `*.ndjson`, detectron2's `metrics.json`
// (JSON lines despite its name) and any other `.json` that is JSON lines. A `.json` holding one JSON
// document (pretty-printed, or a single line) is not JSON lines and is left alone.
import path from 'node:path';
import { runId, type DetectedRun } from '../../runs/model';
import type { DetectIo, Detection, DirListing } from '../types';
import { parsePythonJson } from './pythonJson';
import { countLeaves, isPlainObject } from './record';

/** Most files are told apart by their first 4 KB (a pretty-printed JSON document fails on line 1). */
const SMALL_HEAD_BYTES = 4 * 1024;
/** Long records (hundreds of metrics per line) get a bigger look. */
const HEAD_BYTES = 64 * 1024;
const LINES_CHECKED = 5;
/** File stems that say nothing about the run: the run is then named after its folder. */
const GENERIC_STEMS = new Set([
  'metrics',
  'metric',
  'log',
  'logs',
  'history',
  'train',
  'training',
  'events',
  'scalars',
  'stats',
]);

export async function detectJsonl(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
  // Legacy W&B run dirs (wandb-history.jsonl) belong to the W&B reader.
  if (listing.files.includes('wandb-metadata.json')) {
    return undefined;
  }
  const runs: DetectedRun[] = [];
  const claimed: string[] = [];
  for (const name of listing.files) {
    const kind = fileKind(name);
    if (!kind) {
      continue;
    }
    const file = path.join(listing.dir, name);
    if (!(await looksLikeMetricLines(io, file, kind === 'json'))) {
      continue;
    }
    runs.push(jsonlRun(listing.dir, file));
    claimed.push(name);
  }
  return runs.length > 0 ? { runs, claimedFiles: claimed } : undefined;
}

function fileKind(name: string): 'jsonl' | 'json' | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('wandb-')) {
    return undefined;
  }
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
    return 'jsonl';
  }
  if (lower.endsWith('.json')) {
    return 'json';
  }
  return undefined;
}

export function jsonlRun(dir: string, file: string): DetectedRun {
  const stem = path.basename(file).replace(/\.(jsonl|ndjson|json)$/i, '');
  const generic = GENERIC_STEMS.has(stem.toLowerCase());
  return {
    id: runId('jsonl', file),
    format: 'jsonl',
    dir,
    file,
    name: generic ? path.basename(dir) : stem,
    project: path.basename(generic ? path.dirname(dir) : dir),
  };
}

/**
 * Whether the head of a file is JSON lines of metrics: its first lines are each one JSON object, and
 * the first object holds at least one number and no more strings than numbers (a text dataset in
 * JSONL is not a run). A `.json` must show two such lines, or one with detectron2's `iteration`
 * when it is named `metrics.json`, so that a one-line JSON document is not taken for a log.
 */
async function looksLikeMetricLines(io: DetectIo, file: string, isJson: boolean): Promise<boolean> {
  const isMetricsJson = path.basename(file).toLowerCase() === 'metrics.json';
  let limit = SMALL_HEAD_BYTES;
  let head = await io.readHead(file, limit);
  if (head && head.length >= limit && head.indexOf(0x0a) < 0) {
    limit = HEAD_BYTES;
    head = await io.readHead(file, limit);
  }
  return !!head && isMetricLines(head, head.length >= limit, isJson, isMetricsJson);
}

/** `cut`: the head is a prefix of a longer file (its last piece may be an incomplete line). */
export function isMetricLines(head: Uint8Array, cut: boolean, isJson: boolean, isMetricsJson: boolean): boolean {
  const text = new TextDecoder('utf-8').decode(head);
  const lines = text.split('\n');
  // The last piece is unterminated: cut by the head limit, or a line still being written.
  const last = lines.pop() ?? '';
  const records: Record<string, unknown>[] = [];
  for (const raw of lines) {
    const record = parseRecord(raw);
    if (record === null) {
      continue;
    }
    if (record === undefined) {
      return false;
    }
    records.push(record);
    if (records.length >= LINES_CHECKED) {
      break;
    }
  }
  if (records.length < LINES_CHECKED && !cut) {
    const record = parseRecord(last);
    if (record) {
      records.push(record);
    }
  }
  if (records.length === 0) {
    return false;
  }
  const { numbers, strings } = countLeaves(records[0]);
  if (numbers === 0 || strings > numbers) {
    return false;
  }
  if (!isJson || records.length >= 2) {
    return true;
  }
  return isMetricsJson && typeof records[0].iteration === 'number';
}

/** The object on a line; null for a blank line; undefined when the line is not a JSON object. */
function parseRecord(raw: string): Record<string, unknown> | null | undefined {
  const line = raw.trim();
  if (!line) {
    return null;
  }
  try {
    const value = parsePythonJson(line);
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
