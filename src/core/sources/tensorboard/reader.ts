// Reads one TensorBoard run: the event files of its dir (lexicographic order, like RustBoard), the
// folded add_scalars/add_hparams sub-runs (see subruns.ts), and Lightning's hparams.yaml/checkpoints.
// Every point is kept in file order, also when steps go back (TensorBoard's Python loader view).
// Histograms go out per tag as the tag's sampler picks them (see histogramReservoir.ts), never as points.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointArtifact, DetectedRun, HistogramSnapshot, PointBatch, RunDelta } from '../../runs/model';
import { FileSnapshot } from '../../util/fileTail';
import { fsDetectIo, listDir } from '../../watch/fsDetectIo';
import type { ReaderOptions, RunReader } from '../types';
import { EventFile, PollFindings } from './eventFile';
import { hparamsYamlToConfig, listCheckpoints } from './lightning';
import { findSubRuns, isEventFileName, type SubRunClass } from './subruns';
import { TagTable } from './tags';

/** Larger hparams.yaml files are not parsed (YAML of that size takes seconds and is not a config). */
const HPARAMS_YAML_MAX = 256 * 1024;
/** Restarts one poll tries when files are rewritten while being read. */
const MAX_RESTARTS = 3;

interface Group {
  dir: string;
  tags: TagTable;
  files: Map<string, EventFile>;
}

export class TensorboardReader implements RunReader {
  private groups = new Map<string, Group>();
  private subRunCache = new Map<string, SubRunClass>();
  private hparamsYaml: FileSnapshot;
  private checkpointKeys = new Map<string, string>();
  private knownFiles = new Set<string>();
  private minWallTime = Infinity;
  private reported = new Set<string>();
  private yamlTooLargeReported = false;
  /** Set after a restart until a delta carrying `reset: true` went out. */
  private resetPending = false;

  constructor(
    private readonly run: DetectedRun,
    private readonly options: ReaderOptions = {},
  ) {
    this.hparamsYaml = new FileSnapshot(path.join(run.dir, 'hparams.yaml'), HPARAMS_YAML_MAX);
  }

  async poll(): Promise<RunDelta> {
    try {
      for (let attempt = 0; attempt < MAX_RESTARTS; attempt++) {
        const delta = await this.pollOnce();
        if (delta) {
          if (this.resetPending) {
            delta.reset = true;
          }
          this.resetPending = false;
          return delta;
        }
        // A file was rewritten or truncated: drop everything and read the whole run again.
        this.restart();
        this.resetPending = true;
      }
      const message = 'event files keep being rewritten while being read; trying again on the next poll';
      return { errors: [{ code: 'rewritten', message, file: this.run.dir }] };
    } catch (err) {
      return { errors: [{ code: 'read-failed', message: errorText(err), file: this.run.dir }] };
    }
  }

  dispose(): void {
    this.groups.clear();
  }

  private restart(): void {
    this.groups = new Map();
    this.subRunCache = new Map();
    this.hparamsYaml = new FileSnapshot(this.hparamsYaml.path, HPARAMS_YAML_MAX);
    this.checkpointKeys = new Map();
    this.knownFiles = new Set();
    this.minWallTime = Infinity;
    this.reported = new Set();
    this.yamlTooLargeReported = false;
  }

  /** One pass over the run; undefined when a file turned out rewritten (the caller starts over). */
  private async pollOnce(): Promise<RunDelta | undefined> {
    const findings = new PollFindings();
    await this.discover();
    for (const group of this.groups.values()) {
      for (const file of group.files.values()) {
        let rewritten = false;
        try {
          rewritten = await file.read(findings);
        } catch (err) {
          // Like RustBoard: a file that disappeared or cannot be read is remembered as dead.
          file.dead = true;
          const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
          const message = missing ? 'the event file disappeared' : errorText(err);
          findings.errors.push({ code: missing ? 'file-missing' : 'read-failed', message, file: file.path });
        }
        if (rewritten) {
          return undefined;
        }
      }
    }
    const delta: RunDelta = {};
    const points = this.takePoints();
    if (points.size > 0) {
      delta.points = points;
    }
    const histograms = this.takeHistograms();
    if (histograms.size > 0) {
      delta.histograms = histograms;
    }
    await this.readLightning(findings);
    if (Object.keys(findings.config).length > 0) {
      delta.config = findings.config;
    }
    if (findings.images.length > 0) {
      delta.artifacts = { images: findings.images };
    }
    const checkpoints = await this.newCheckpoints();
    if (checkpoints.length > 0) {
      delta.artifacts = { ...delta.artifacts, checkpoints };
    }
    if (findings.minWallTime < this.minWallTime) {
      this.minWallTime = findings.minWallTime;
      delta.meta = { startTime: findings.minWallTime };
    }
    if (findings.errors.length > 0) {
      delta.errors = findings.errors;
    }
    if (findings.recheckInMs !== undefined) {
      delta.recheckInMs = findings.recheckInMs;
    }
    const files = this.newFiles();
    if (files.length > 0) {
      delta.files = files;
    }
    return delta;
  }

  /** Finds event files (new ones appear when a writer restarts) and folded sub-runs. */
  private async discover(): Promise<void> {
    const listing = await listDir(this.run.dir);
    if (!listing) {
      return;
    }
    this.addFiles('.', this.run.dir, listing.files, () => new TagTable());
    const { subRuns } = await findSubRuns(listing, fsDetectIo, this.subRunCache);
    for (const sub of subRuns) {
      const subListing = await listDir(sub.dir);
      if (subListing) {
        this.addFiles(sub.rel, sub.dir, subListing.files, () => new TagTable(sub.rename));
      }
    }
  }

  private addFiles(key: string, dir: string, names: string[], tags: () => TagTable): void {
    const eventNames = names.filter(isEventFileName).sort();
    if (eventNames.length === 0) {
      return;
    }
    let group = this.groups.get(key);
    if (!group) {
      group = { dir, tags: tags(), files: new Map() };
      this.groups.set(key, group);
    }
    for (const name of eventNames) {
      if (!group.files.has(name)) {
        group.files.set(
          name,
          new EventFile(path.join(dir, name), group.tags, !!this.options.verify, this.options.quietMs),
        );
      }
    }
    // Keep lexicographic order even when a new file sorts before an old one.
    group.files = new Map([...group.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private takePoints(): Map<string, PointBatch> {
    const out = new Map<string, PointBatch>();
    for (const group of this.groups.values()) {
      for (const entry of group.tags.entries()) {
        if (entry.length === 0) {
          continue;
        }
        const batch = entry.take();
        const prev = out.get(entry.series);
        out.set(entry.series, prev ? concat(prev, batch) : batch);
      }
    }
    return out;
  }

  /** New histograms per tag (sub-runs folded into their parent add theirs under the renamed tag). */
  private takeHistograms(): Map<string, HistogramSnapshot[]> {
    const out = new Map<string, HistogramSnapshot[]>();
    for (const group of this.groups.values()) {
      for (const entry of group.tags.entries()) {
        const taken = entry.histograms?.take();
        if (taken && taken.length > 0) {
          const prev = out.get(entry.series);
          out.set(entry.series, prev ? prev.concat(taken) : taken);
        }
      }
    }
    return out;
  }

  private async readLightning(findings: PollFindings): Promise<void> {
    const file = this.hparamsYaml.path;
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) {
      return;
    }
    this.knownFiles.add(file);
    if (stat.size > HPARAMS_YAML_MAX) {
      // Old Lightning versions pickled whole models into hparams.yaml (hundreds of KB of python tags).
      if (!this.yamlTooLargeReported) {
        this.yamlTooLargeReported = true;
        const message = `hparams.yaml is ${stat.size} bytes, more than the ${HPARAMS_YAML_MAX} read as config; skipped`;
        findings.errors.push({ code: 'config-too-large', message, file });
      }
      return;
    }
    let text: string | undefined;
    try {
      text = await this.hparamsYaml.read();
    } catch (err) {
      findings.errors.push({ code: 'read-failed', message: errorText(err), file });
      return;
    }
    if (text === undefined) {
      return;
    }
    const { config, errors } = hparamsYamlToConfig(text);
    Object.assign(findings.config, config);
    for (const message of errors) {
      findings.errors.push({ code: 'bad-yaml', message, file });
    }
  }

  private async newCheckpoints(): Promise<CheckpointArtifact[]> {
    const out: CheckpointArtifact[] = [];
    for (const c of await listCheckpoints(this.run.dir)) {
      const key = `${c.sizeBytes}:${c.mtimeMs}`;
      if (this.checkpointKeys.get(c.path) === key) {
        continue;
      }
      this.checkpointKeys.set(c.path, key);
      out.push(c);
    }
    return out;
  }

  private newFiles(): string[] {
    const all = [...this.knownFiles];
    for (const group of this.groups.values()) {
      for (const f of group.files.values()) {
        all.push(f.path);
      }
    }
    const fresh = all.filter((f) => !this.reported.has(f));
    for (const f of fresh) {
      this.reported.add(f);
    }
    return fresh;
  }
}

function concat(a: PointBatch, b: PointBatch): PointBatch {
  const join = (x: Float64Array, y: Float64Array): Float64Array => {
    const out = new Float64Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return { steps: join(a.steps, b.steps), values: join(a.values, b.values), wallTimes: join(a.wallTimes, b.wallTimes) };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
