// Decodes the few `wandb_internal.Record` fields Runboard needs (field numbers: formats.md §2.3).
// Unknown fields are skipped; malformed bytes throw ProtoError.
import { ProtoReader, WIRE_LEN, WIRE_VARINT } from './protoReader';

export interface WandbItem {
  key: string;
  nestedKey: string[];
  valueJson: string;
}

export interface HistoryRecord {
  items: WandbItem[];
  /** history.step.num, when present. */
  step?: number;
}

export interface UpdateRecord {
  update: WandbItem[];
  remove: WandbItem[];
}

export interface RunRecord {
  runId?: string;
  entity?: string;
  project?: string;
  displayName?: string;
  config?: UpdateRecord;
  summary?: UpdateRecord;
  /** Seconds since the epoch. */
  startTime?: number;
  resumed?: boolean;
}

export interface ExitRecord {
  exitCode: number;
  runtime: number;
}

export interface StatsRecord {
  /** Seconds since the epoch, NaN when absent. */
  timestamp: number;
  items: WandbItem[];
}

export interface OutputRecord {
  line: string;
}

export type WandbRecord =
  | { type: 'history'; history: HistoryRecord }
  | { type: 'summary'; summary: UpdateRecord }
  | { type: 'config'; config: UpdateRecord }
  | { type: 'run'; run: RunRecord }
  | { type: 'exit'; exit: ExitRecord }
  | { type: 'stats'; stats: StatsRecord }
  | { type: 'output'; output: OutputRecord }
  | { type: 'files'; paths: string[] }
  | { type: 'other'; field: number };

const enum F {
  History = 2,
  Summary = 3,
  Output = 4,
  Config = 5,
  Files = 6,
  Stats = 7,
  OutputRaw = 13,
  Run = 17,
  Exit = 18,
}

/** Decodes one record payload; `undefined` for a record with no type field (e.g. only `num`). */
export function decodeRecord(buf: Uint8Array): WandbRecord | undefined {
  const r = new ProtoReader(buf);
  let result: WandbRecord | undefined;
  while (!r.done) {
    const tag = r.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (wire !== WIRE_LEN || field < 2 || field > 27) {
      r.skip(wire);
      continue;
    }
    const sub = r.sub();
    switch (field) {
      case F.History:
        result = { type: 'history', history: decodeHistory(sub) };
        break;
      case F.Summary:
        result = { type: 'summary', summary: decodeUpdate(sub) };
        break;
      case F.Config:
        result = { type: 'config', config: decodeUpdate(sub) };
        break;
      case F.Run:
        result = { type: 'run', run: decodeRun(sub) };
        break;
      case F.Exit:
        result = { type: 'exit', exit: decodeExit(sub) };
        break;
      case F.Stats:
        result = { type: 'stats', stats: decodeStats(sub) };
        break;
      case F.Output:
      case F.OutputRaw:
        result = { type: 'output', output: decodeOutput(sub) };
        break;
      case F.Files:
        result = { type: 'files', paths: decodeFiles(sub) };
        break;
      default:
        result = { type: 'other', field };
    }
  }
  return result;
}

/** Reads the item field the reader is at (hot: one per logged value, so no sub-reader is allocated). */
function decodeItem(r: ProtoReader): WandbItem {
  const item: WandbItem = { key: '', nestedKey: [], valueJson: '' };
  const outer = r.enter();
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | WIRE_LEN)) {
      item.key = r.string();
    } else if (tag === ((2 << 3) | WIRE_LEN)) {
      item.nestedKey.push(r.string());
    } else if (tag === ((16 << 3) | WIRE_LEN)) {
      item.valueJson = r.string();
    } else {
      r.skip(tag & 7);
    }
  }
  r.leave(outer);
  return item;
}

function decodeHistory(r: ProtoReader): HistoryRecord {
  const out: HistoryRecord = { items: [] };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | WIRE_LEN)) {
      out.items.push(decodeItem(r));
    } else if (tag === ((2 << 3) | WIRE_LEN)) {
      out.step = decodeStep(r.sub());
    } else {
      r.skip(tag & 7);
    }
  }
  return out;
}

function decodeStep(r: ProtoReader): number {
  let num = 0;
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | WIRE_VARINT)) {
      num = r.int64();
    } else {
      r.skip(tag & 7);
    }
  }
  return num;
}

function decodeUpdate(r: ProtoReader): UpdateRecord {
  const out: UpdateRecord = { update: [], remove: [] };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | WIRE_LEN)) {
      out.update.push(decodeItem(r));
    } else if (tag === ((2 << 3) | WIRE_LEN)) {
      out.remove.push(decodeItem(r));
    } else {
      r.skip(tag & 7);
    }
  }
  return out;
}

/** google.protobuf.Timestamp → seconds since the epoch. */
function decodeTimestamp(r: ProtoReader): number {
  let seconds = 0;
  let nanos = 0;
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | WIRE_VARINT)) {
      seconds = r.int64();
    } else if (tag === ((2 << 3) | WIRE_VARINT)) {
      nanos = r.int32();
    } else {
      r.skip(tag & 7);
    }
  }
  return seconds + nanos / 1e9;
}

function decodeRun(r: ProtoReader): RunRecord {
  const out: RunRecord = {};
  while (!r.done) {
    const tag = r.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (wire === WIRE_LEN && field === 1) {
      out.runId = r.string();
    } else if (wire === WIRE_LEN && field === 2) {
      out.entity = r.string();
    } else if (wire === WIRE_LEN && field === 3) {
      out.project = r.string();
    } else if (wire === WIRE_LEN && field === 4) {
      out.config = decodeUpdate(r.sub());
    } else if (wire === WIRE_LEN && field === 5) {
      out.summary = decodeUpdate(r.sub());
    } else if (wire === WIRE_LEN && field === 8) {
      out.displayName = r.string();
    } else if (wire === WIRE_LEN && field === 17) {
      out.startTime = decodeTimestamp(r.sub());
    } else if (wire === WIRE_VARINT && field === 18) {
      out.resumed = r.bool();
    } else {
      r.skip(wire);
    }
  }
  return out;
}

function decodeExit(r: ProtoReader): ExitRecord {
  const out: ExitRecord = { exitCode: 0, runtime: 0 };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | WIRE_VARINT)) {
      out.exitCode = r.int32();
    } else if (tag === ((2 << 3) | WIRE_VARINT)) {
      out.runtime = r.int32();
    } else {
      r.skip(tag & 7);
    }
  }
  return out;
}

function decodeStats(r: ProtoReader): StatsRecord {
  const out: StatsRecord = { timestamp: NaN, items: [] };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((2 << 3) | WIRE_LEN)) {
      out.timestamp = decodeTimestamp(r.sub());
    } else if (tag === ((3 << 3) | WIRE_LEN)) {
      out.items.push(decodeItem(r));
    } else {
      r.skip(tag & 7);
    }
  }
  return out;
}

function decodeOutput(r: ProtoReader): OutputRecord {
  const out: OutputRecord = { line: '' };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((3 << 3) | WIRE_LEN)) {
      out.line = r.string();
    } else {
      r.skip(tag & 7);
    }
  }
  return out;
}

function decodeFiles(r: ProtoReader): string[] {
  const paths: string[] = [];
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | WIRE_LEN)) {
      const item = r.sub();
      while (!item.done) {
        const t = item.tag();
        if (t === ((1 << 3) | WIRE_LEN)) {
          paths.push(item.string());
        } else {
          item.skip(t & 7);
        }
      }
    } else {
      r.skip(tag & 7);
    }
  }
  return paths;
}
