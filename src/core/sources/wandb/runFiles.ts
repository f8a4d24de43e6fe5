// The plain files of a W&B run dir: what online and pre-`.wandb` runs have. `files/` (or, for 2019-era
// runs, the run dir itself) holds config.yaml, wandb-summary.json, wandb-metadata.json, output.log,
// and legacy runs also wandb-history.jsonl (one row per step) and wandb-events.jsonl (system metrics).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DeltaBuilder } from '../../runs/deltaBuilder';
import type { RunStatus } from '../../runs/model';
import { FileSnapshot, FileTail } from '../../util/fileTail';
import { HistogramStreams } from '../histogramReservoir';
import { LineBuffer } from '../../util/lineBuffer';
import { parsePythonYaml } from '../../util/yaml';
import { addSummaryValue, unwrapConfigValue } from './configItems';
import type { ErrorBudget } from './errorBudget';
import { applyHistoryRow, type HistorySink } from './history';
import { flattenConfig } from '../../util/flatten';
import { addStatValue } from './stats';
import { parseValueJson } from './valueJson';

/** Parses one JSONL line (NaN/Infinity tokens allowed) into an object, or undefined. */
function parseRow(line: string): Record<string, unknown> | undefined {
  const parsed = parseValueJson(line);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return undefined;
  }
  return parsed.value as Record<string, unknown>;
}

class JsonlTail {
  readonly tail: FileTail;
  readonly lines = new LineBuffer();
  index = 0;
  constructor(readonly file: string) {
    this.tail = new FileTail(file);
  }
}

export class RunFiles {
  private history?: JsonlTail;
  /** Histograms per tag, sampled to ≤ 500 across the whole file (as for `.wandb` logs). */
  private readonly histograms = new HistogramStreams();
  private events?: JsonlTail;
  private readonly snapshots = new Map<string, FileSnapshot>();
  private nextStep = 0;
  private lastTime = NaN;
  private outputLogSeen = false;

  /**
   * @param dirs where the files are looked for, in order (the run dir's `files/`, then the run dir).
   * @param metricsFromFiles false when a `.wandb` log is read: then only output.log is taken from here.
   */
  constructor(
    private readonly dirs: string[],
    private readonly metricsFromFiles: boolean,
  ) {}

  /** Returns true when a legacy JSONL file was rewritten (the caller starts over). */
  async poll(b: DeltaBuilder, budget: ErrorBudget): Promise<boolean> {
    const found = await this.find([
      'output.log',
      'config.yaml',
      'wandb-summary.json',
      'wandb-metadata.json',
      'wandb-history.jsonl',
      'wandb-events.jsonl',
    ]);
    const log = found.get('output.log');
    if (log && !this.outputLogSeen) {
      this.outputLogSeen = true;
      b.artifacts.files.push({ path: log, role: 'log' });
    }
    if (!this.metricsFromFiles) {
      return false;
    }
    const historyFile = found.get('wandb-history.jsonl');
    if (historyFile) {
      this.history ??= new JsonlTail(historyFile);
      if (await this.readHistory(this.history, b, budget)) {
        return true;
      }
    }
    const eventsFile = found.get('wandb-events.jsonl');
    if (eventsFile) {
      this.events ??= new JsonlTail(eventsFile);
      if (await this.readEvents(this.events, b, budget)) {
        return true;
      }
    }
    await this.readSnapshot(found.get('config.yaml'), b, budget, (text) => this.applyConfig(text, b));
    await this.readSnapshot(found.get('wandb-summary.json'), b, budget, (text) => this.applySummary(text, b));
    await this.readSnapshot(found.get('wandb-metadata.json'), b, budget, (text) => this.applyMetadata(text, b));
    return false;
  }

  private async find(names: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const dir of this.dirs) {
      const entries = await fs.readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        if (!out.has(name) && entries.includes(name)) {
          out.set(name, path.join(dir, name));
        }
      }
    }
    return out;
  }

  private async readHistory(src: JsonlTail, b: DeltaBuilder, budget: ErrorBudget): Promise<boolean> {
    const sink: HistorySink = {
      points: b.points,
      images: b.artifacts.images,
      badValue: () => undefined,
      wallTime: NaN,
      histogram: (tag, snapshot) => this.histograms.offer(tag, snapshot),
    };
    const filesDir = path.dirname(src.file);
    const reset = await readRows(src, b, budget, (row) => {
      this.nextStep = applyHistoryRow(row, filesDir, this.nextStep, sink) + 1;
    });
    b.addHistograms(this.histograms.take());
    if (!Number.isNaN(sink.wallTime)) {
      this.lastTime = sink.wallTime;
    }
    return reset;
  }

  private async readEvents(src: JsonlTail, b: DeltaBuilder, budget: ErrorBudget): Promise<boolean> {
    return readRows(src, b, budget, (row) => {
      const ts = typeof row._timestamp === 'number' ? row._timestamp : NaN;
      const sample = src.index - 1;
      for (const [key, value] of Object.entries(row)) {
        if (key.startsWith('_')) {
          continue;
        }
        // 2019 keys are `system.cpu`, `system.gpu.0.gpu`: keep W&B's stat key after `system.`.
        addStatValue(key.startsWith('system.') ? key.slice(7) : key, value, sample, ts, b.points, 0);
      }
    });
  }

  private async readSnapshot(
    file: string | undefined,
    b: DeltaBuilder,
    budget: ErrorBudget,
    apply: (text: string) => void,
  ): Promise<void> {
    if (!file) {
      return;
    }
    let snap = this.snapshots.get(file);
    if (!snap) {
      snap = new FileSnapshot(file, 64 * 1024 * 1024);
      this.snapshots.set(file, snap);
    }
    try {
      const text = await snap.read();
      if (text === undefined) {
        return;
      }
      b.files.add(file);
      apply(text);
    } catch (err) {
      budget.report(b, {
        code: 'bad-file',
        message: `could not read: ${err instanceof Error ? err.message : String(err)}`,
        file,
      });
    }
  }

  private applyConfig(text: string, b: DeltaBuilder): void {
    const { value, errors } = parsePythonYaml(text);
    if (errors.length > 0) {
      throw new Error(`YAML: ${errors[0]}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return;
    }
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'wandb_version' || key.startsWith('_wandb')) {
        continue;
      }
      flattenConfig(unwrapConfigValue(entry), key, b.config);
    }
  }

  private applySummary(text: string, b: DeltaBuilder): void {
    const parsed = parseValueJson(text.trim());
    if (!parsed.ok) {
      throw new Error('not JSON');
    }
    if (parsed.value === null || typeof parsed.value !== 'object') {
      return;
    }
    for (const [key, value] of Object.entries(parsed.value as Record<string, unknown>)) {
      if (!key.startsWith('_')) {
        addSummaryValue(key, value, b.config);
      }
    }
  }

  private applyMetadata(text: string, b: DeltaBuilder): void {
    const parsed = parseValueJson(text.trim());
    if (!parsed.ok) {
      throw new Error('not JSON');
    }
    const meta = parsed.value as Record<string, unknown> | null;
    if (meta === null || typeof meta !== 'object') {
      return;
    }
    if (typeof meta.startedAt === 'string') {
      // Old writers omit the zone; wandb writes UTC.
      const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(meta.startedAt) ? meta.startedAt : `${meta.startedAt}Z`;
      const t = Date.parse(iso);
      if (!Number.isNaN(t)) {
        b.meta.startTime = t / 1000;
      }
    }
    if (typeof meta.project === 'string' && meta.project) {
      b.meta.project = meta.project;
    }
    if (typeof meta.name === 'string' && meta.name) {
      b.meta.name = meta.name;
    }
    const status = stateToStatus(meta.state);
    if (status) {
      b.meta.status = status;
      if (!Number.isNaN(this.lastTime)) {
        b.meta.endTime = this.lastTime;
      }
    }
  }
}

/** Legacy metadata `state`; `running` says nothing (old writers never updated it on a crash). */
function stateToStatus(state: unknown): RunStatus | undefined {
  if (state === 'finished') {
    return 'finished';
  }
  if (state === 'failed' || state === 'crashed' || state === 'killed') {
    return 'failed';
  }
  return undefined;
}

/** Reads the JSON-object lines appended to a legacy `.jsonl` file; true when it was rewritten. */
async function readRows(
  src: JsonlTail,
  b: DeltaBuilder,
  budget: ErrorBudget,
  onRow: (row: Record<string, unknown>) => void,
): Promise<boolean> {
  const chunk = await src.tail.read();
  if (chunk.reset) {
    return true;
  }
  if (chunk.offset === 0 && chunk.bytes.length > 0) {
    b.files.add(src.file);
  }
  for (const line of src.lines.push(chunk.bytes)) {
    src.index++;
    if (line.trim() === '') {
      continue;
    }
    const row = parseRow(line);
    if (!row) {
      budget.report(b, { code: 'bad-json-line', message: `line ${src.index} is not a JSON object`, file: src.file });
      continue;
    }
    onRow(row);
  }
  return false;
}
