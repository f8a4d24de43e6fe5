// Incremental reader of one JSON-lines metrics file (`*.jsonl`, detectron2 `metrics.json`).
import path from 'node:path';
import type { DetectedRun, RunDelta } from '../../runs/model';
import { FileTail } from '../../util/fileTail';
import { LineBuffer } from '../../util/lineBuffer';
import { quietIn } from '../../util/quietFile';
import { DEFAULT_TRUNCATION_QUIET_MS, type RunReader } from '../types';
import { ErrorLog, errorMessage } from './errorLog';
import { KeptSeriesSet } from './keptSeries';
import { parsePythonJson } from './pythonJson';
import { SiblingCheckpoints } from './siblings';
import { forEachMetric, isPlainObject, recordKey } from './record';

export class JsonlReader implements RunReader {
  private readonly file: string;
  private readonly tail: FileTail;
  private readonly lines = new LineBuffer();
  private readonly kept = new KeptSeriesSet();
  private readonly errors = new ErrorLog();
  private readonly checkpoints: SiblingCheckpoints;
  /** Records read so far (the step of a record without a step key). */
  private recordIndex = 0;
  /** Line number (1-based) of the next complete line, for error messages. */
  private lineNo = 1;
  /** An unterminated last line that already parsed as a whole object (a writer that omits the final newline). */
  private consumedPartial = '';
  private fileReported = false;
  /** Poll again in this many ms (a cut last line waiting for its file to be left alone). */
  private recheckInMs?: number;

  constructor(
    run: DetectedRun,
    private readonly quietMs = DEFAULT_TRUNCATION_QUIET_MS,
  ) {
    this.file = run.file ?? run.dir;
    this.tail = new FileTail(this.file);
    this.checkpoints = new SiblingCheckpoints(path.dirname(this.file));
  }

  async poll(): Promise<RunDelta> {
    try {
      return await this.read();
    } catch (err) {
      this.errors.add('read-failed', `Cannot read ${this.file}: ${errorMessage(err)}`, this.file, 'read-failed');
      const errors = this.errors.takeNew();
      return errors ? { errors } : {};
    }
  }

  private async read(): Promise<RunDelta> {
    const chunk = await this.tail.read();
    this.errors.forget('read-failed');
    if (chunk.reset) {
      this.restart();
    }
    for (const line of this.lines.push(chunk.bytes)) {
      this.readLine(line);
    }
    this.readUnterminated();
    await this.checkTruncated();
    const taken = this.kept.take();
    const reset = chunk.reset || taken.reset;
    const delta: RunDelta = {};
    if (reset || !this.fileReported) {
      delta.files = [this.file];
    }
    this.fileReported = true;
    if (reset) {
      delta.reset = true;
    }
    if (taken.points.size > 0) {
      delta.points = taken.points;
    }
    // A reset drops the run's artifacts too: list the checkpoints again.
    if (reset) {
      this.checkpoints.reset();
    }
    const checkpoints = await this.checkpoints.scan();
    if (checkpoints.length > 0) {
      delta.artifacts = { checkpoints };
    }
    const errors = reset ? this.errors.takeAll() : this.errors.takeNew();
    if (errors) {
      delta.errors = errors;
    }
    if (this.recheckInMs !== undefined) {
      delta.recheckInMs = this.recheckInMs;
    }
    return delta;
  }

  private restart(): void {
    this.kept.clear();
    this.lines.reset();
    this.errors.clear();
    this.recordIndex = 0;
    this.lineNo = 1;
    this.consumedPartial = '';
  }

  private readLine(line: string): void {
    const lineNo = this.lineNo++;
    if (this.consumedPartial) {
      const done = line === this.consumedPartial;
      this.consumedPartial = '';
      if (done) {
        return;
      }
    }
    if (line.trim().length === 0) {
      return;
    }
    let value: unknown;
    try {
      value = parsePythonJson(line);
    } catch (err) {
      this.errors.add('bad-json-line', `Line ${lineNo} is not JSON (${errorMessage(err)}); skipped.`, this.file);
      return;
    }
    if (!isPlainObject(value)) {
      this.errors.add('not-an-object', `Line ${lineNo} is JSON but not an object; skipped.`, this.file);
      return;
    }
    this.addRecord(value);
  }

  /** A last line without its newline is kept until the newline arrives, unless it is already a whole object. */
  private readUnterminated(): void {
    const pending = this.lines.pending;
    if (!pending || pending === this.consumedPartial || !pending.trimEnd().endsWith('}')) {
      return;
    }
    let value: unknown;
    try {
      value = parsePythonJson(pending);
    } catch {
      return;
    }
    if (!isPlainObject(value)) {
      return;
    }
    this.consumedPartial = pending;
    this.addRecord(value);
  }

  /**
   * A last line that is not a whole object yet is waited for while the file changes; once the file has
   * been left alone for `quietMs`, it is named (once): the file was cut, or its writer died mid-line.
   */
  private async checkTruncated(): Promise<void> {
    this.recheckInMs = undefined;
    const pending = this.lines.pending;
    if (!pending || pending === this.consumedPartial || pending.trim().length === 0) {
      return;
    }
    const wait = await quietIn(this.file, this.quietMs);
    if (wait > 0 && Number.isFinite(wait)) {
      this.recheckInMs = wait + 50;
    } else if (wait === 0) {
      this.errors.add(
        'truncated-line',
        `Line ${this.lineNo} ends without its newline and is not a whole JSON object: the file was cut, or its writer stopped mid-line.`,
        this.file,
        `truncated-line\u0000${this.lineNo}`,
      );
    }
  }

  private addRecord(record: Record<string, unknown>): void {
    const key = recordKey(record, this.recordIndex++);
    forEachMetric(record, key, (name, value) => this.kept.add(name, key.step, value, key.wallTime, key.evict));
  }
}
