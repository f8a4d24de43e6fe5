// Turns `.wandb` bytes (fed as they are appended) into delta content: chunks → records → points,
// config, meta, artifacts. No I/O here, so tests and the fuzzer can drive it with bytes alone.
import type { DeltaBuilder } from '../../runs/deltaBuilder';
import { HistogramStreams } from '../histogramReservoir';
import { applyConfigUpdate, applySummaryUpdate } from './configItems';
import type { ErrorBudget } from './errorBudget';
import { applyHistoryRecord, type HistorySink } from './history';
import { HistoryFastPath } from './historyBytes';
import { LogScanner } from './logScanner';
import { ProtoError } from './protoReader';
import { decodeRecord, type WandbRecord } from './records';
import { addStatsSample } from './stats';

type Report = (code: string, message: string) => void;

export class LogDecoder {
  private readonly scanner = new LogScanner();
  private readonly fastHistory = new HistoryFastPath();
  /** Histograms per tag, sampled to ≤ 500 across the whole log (see histogramReservoir). */
  private readonly histograms = new HistogramStreams();
  private nextStep = 0;
  private statsIndex = 0;
  private startTime: number | undefined;
  private lastTime = NaN;

  /**
   * @param file the log's path, for error messages.
   * @param filesDir the run's `files/` folder (media paths are relative to it).
   * @param nameSuffix appended to the display name (a resumed run's later part).
   */
  constructor(
    readonly file: string,
    private readonly filesDir: string,
    private readonly nameSuffix = '',
  ) {}

  get hasPartial(): boolean {
    return this.scanner.hasPartial;
  }

  get position(): number {
    return this.scanner.position;
  }

  feed(bytes: Uint8Array, b: DeltaBuilder, budget: ErrorBudget): void {
    const report: Report = (code, message) => budget.report(b, { code, message, file: this.file });
    const sink: HistorySink = {
      points: b.points,
      images: b.artifacts.images,
      badValue: (name, text) => report('bad-value-json', `history value of ${name} is not JSON: ${clip(text)}`),
      wallTime: NaN,
      histogram: (tag, snapshot) => this.histograms.offer(tag, snapshot),
    };
    this.scanner.feed(bytes, {
      record: (bytes, start, end, offset) => {
        const step = this.fastHistory.apply(bytes, start, end, this.nextStep, sink);
        if (step !== undefined) {
          this.nextStep = step + 1;
          this.noteTime(sink.wallTime);
          return;
        }
        let rec: WandbRecord | undefined;
        try {
          rec = decodeRecord(bytes.subarray(start, end));
        } catch (err) {
          const why = err instanceof ProtoError ? err.message : String(err);
          report('bad-protobuf', `record at byte ${offset} is not a valid W&B Record: ${why}`);
          return;
        }
        if (rec) {
          this.apply(rec, b, sink, report);
        }
      },
      error: (e) => report(e.code, e.message),
    });
    b.addHistograms(this.histograms.take());
  }

  private apply(rec: WandbRecord, b: DeltaBuilder, sink: HistorySink, report: Report): void {
    switch (rec.type) {
      case 'history': {
        const step = applyHistoryRecord(rec.history, this.filesDir, this.nextStep, sink);
        this.nextStep = step + 1;
        this.noteTime(sink.wallTime);
        return;
      }
      case 'summary':
        for (const name of applySummaryUpdate(rec.summary, b.config)) {
          report('bad-value-json', `summary value of ${name} is not JSON`);
        }
        return;
      case 'config':
        for (const name of applyConfigUpdate(rec.config, b.config)) {
          report('bad-value-json', `config value of ${name} is not JSON`);
        }
        return;
      case 'run': {
        const run = rec.run;
        if (run.displayName) {
          b.meta.name = run.displayName + this.nameSuffix;
        } else if (run.runId && !b.meta.name) {
          b.meta.name = run.runId + this.nameSuffix;
        }
        if (run.project) {
          b.meta.project = run.project;
        }
        if (run.startTime !== undefined && run.startTime > 0) {
          this.startTime = run.startTime;
          b.meta.startTime = run.startTime;
        }
        if (run.config) {
          applyConfigUpdate(run.config, b.config);
        }
        if (run.summary) {
          applySummaryUpdate(run.summary, b.config);
        }
        return;
      }
      case 'exit': {
        b.meta.status = rec.exit.exitCode === 0 ? 'finished' : 'failed';
        // wandb-core offline writes runtime 0: then the last time seen in history or stats.
        const end =
          rec.exit.runtime > 0 && this.startTime !== undefined ? this.startTime + rec.exit.runtime : this.lastTime;
        if (!Number.isNaN(end)) {
          b.meta.endTime = end;
        }
        return;
      }
      case 'stats':
        addStatsSample(rec.stats.items, this.statsIndex++, rec.stats.timestamp, b.points);
        this.noteTime(rec.stats.timestamp);
        return;
      default:
        return;
    }
  }

  private noteTime(t: number): void {
    if (Number.isFinite(t) && !(t <= this.lastTime)) {
      this.lastTime = t;
    }
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
