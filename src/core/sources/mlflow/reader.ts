// Incremental reader of one MLflow file-store run (`mlruns/<exp>/<run>/`).
// Metric files are tailed (append-only); meta.yaml, params and tags are re-read whole when they change.
// Config: params under their own key, tags under `tags.<key>`, run bookkeeping under `mlflow.` (meta.ts).
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ConfigMap, DetectedRun, PointBatch, RunDelta, RunMetaPatch } from '../../runs/model';
import { FileSnapshot, FileTail } from '../../util/fileTail';
import type { RunReader } from '../types';
import { ErrorLog, errorMessage } from '../jsonl/errorLog';
import { ArtifactScanner } from './artifacts';
import { isDir, listKeys, SnapshotSet } from './files';
import { experimentName, parseMetaYaml, readRunMeta } from './meta';
import { MetricLineParser } from './metricLines';
import { LoggedModels } from './models';

interface MetricFile {
  tail: FileTail;
  parser: MetricLineParser;
  /** size:mtime at the last read: an unchanged file costs one stat, not an open. */
  seen: string;
}

/** Signals that a metric file was rewritten: the whole run is read again from scratch. */
class RestartNeeded extends Error {}

/** What one reading pass of the run keeps; replaced whole on a reset. */
class RunFiles {
  readonly experimentMeta: FileSnapshot;
  readonly runMeta: FileSnapshot;
  readonly small = new SnapshotSet();
  readonly metrics = new Map<string, MetricFile>();
  readonly errors = new ErrorLog();
  readonly reportedFiles = new Set<string>();
  readonly models: LoggedModels;
  artifacts?: ArtifactScanner;
  artifactUri?: string;
  metaName?: string;
  tagName?: string;
  emittedName?: string;

  constructor(readonly dir: string) {
    this.experimentMeta = new FileSnapshot(path.join(path.dirname(dir), 'meta.yaml'), 16 * 1024 * 1024);
    this.runMeta = new FileSnapshot(path.join(dir, 'meta.yaml'), 16 * 1024 * 1024);
    this.models = new LoggedModels(dir, (code, message, file) => this.errors.add(code, message, file));
  }
}

export class MlflowReader implements RunReader {
  private state: RunFiles;

  constructor(private readonly run: DetectedRun) {
    this.state = new RunFiles(run.dir);
  }

  async poll(): Promise<RunDelta> {
    try {
      try {
        return await this.pass(false);
      } catch (err) {
        if (!(err instanceof RestartNeeded)) {
          throw err;
        }
        this.state = new RunFiles(this.run.dir);
        return await this.pass(true);
      }
    } catch (err) {
      this.state.errors.add('read-failed', `Cannot read the run: ${errorMessage(err)}`, this.run.dir);
      const errors = this.state.errors.takeNew();
      return errors ? { errors } : {};
    }
  }

  private async pass(reset: boolean): Promise<RunDelta> {
    const s = this.state;
    const config: ConfigMap = {};
    const meta: RunMetaPatch = {};
    const files: string[] = [];
    await this.readExperiment(meta, files);
    await this.readRunMeta(meta, config, files);
    await this.readKeyFiles('params', '', config, files);
    await this.readKeyFiles('tags', 'tags.', config, files);
    const points = await this.readMetrics(files, reset);
    const name = s.metaName ?? s.tagName;
    if (name !== undefined && name !== s.emittedName) {
      meta.name = name;
      s.emittedName = name;
    }
    const artifacts = await this.readArtifacts();
    const delta: RunDelta = {};
    if (reset) {
      delta.reset = true;
    }
    if (points.size > 0) {
      delta.points = points;
    }
    if (Object.keys(config).length > 0) {
      delta.config = config;
    }
    if (Object.keys(meta).length > 0) {
      delta.meta = meta;
    }
    if (artifacts) {
      delta.artifacts = artifacts;
    }
    const newFiles = files.filter((f) => !s.reportedFiles.has(f));
    newFiles.forEach((f) => s.reportedFiles.add(f));
    if (newFiles.length > 0) {
      delta.files = newFiles;
    }
    const errors = reset ? s.errors.takeAll() : s.errors.takeNew();
    if (errors) {
      delta.errors = errors;
    }
    return delta;
  }

  private async readExperiment(meta: RunMetaPatch, files: string[]): Promise<void> {
    const snap = this.state.experimentMeta;
    const text = await snap.read().catch(() => undefined);
    if (!text) {
      return;
    }
    files.push(snap.path);
    const parsed = parseMetaYaml(text);
    if (!parsed.value) {
      this.state.errors.add('bad-yaml', `Experiment meta.yaml is not valid YAML: ${parsed.error}`, snap.path);
      return;
    }
    meta.project = experimentName(parsed.value, path.basename(path.dirname(snap.path)));
  }

  private async readRunMeta(meta: RunMetaPatch, config: ConfigMap, files: string[]): Promise<void> {
    const s = this.state;
    let text: string | undefined;
    try {
      text = await s.runMeta.read();
    } catch (err) {
      s.errors.add('read-failed', `Cannot read meta.yaml: ${errorMessage(err)}`, s.runMeta.path);
      return;
    }
    // MLflow rewrites meta.yaml in place: an empty read is a write in progress; the next change re-reads it.
    if (!text) {
      return;
    }
    files.push(s.runMeta.path);
    const parsed = parseMetaYaml(text);
    if (!parsed.value) {
      s.errors.add('bad-yaml', `meta.yaml is not valid YAML: ${parsed.error}`, s.runMeta.path);
      return;
    }
    const info = readRunMeta(parsed.value);
    Object.assign(meta, info.meta);
    Object.assign(config, info.config);
    s.metaName = info.runName;
    s.artifactUri = info.artifactUri;
  }

  /** params/<key> (config key = key) and tags/<key> (config key = `tags.<key>`): file content = value. */
  private async readKeyFiles(folder: string, prefix: string, config: ConfigMap, files: string[]): Promise<void> {
    const s = this.state;
    const dir = path.join(s.dir, folder);
    for (const key of await listKeys(dir)) {
      const file = path.join(dir, key);
      let text: string | undefined;
      try {
        text = await s.small.read(file);
      } catch (err) {
        s.errors.add('read-failed', `Cannot read ${folder}/${key}: ${errorMessage(err)}`, file);
        continue;
      }
      if (text === undefined) {
        continue;
      }
      files.push(file);
      config[prefix + key] = text;
      if (folder === 'tags' && key === 'mlflow.runName' && text.trim() !== '') {
        s.tagName = text;
      }
    }
  }

  private async readMetrics(files: string[], fresh: boolean): Promise<Map<string, PointBatch>> {
    const s = this.state;
    const dir = path.join(s.dir, 'metrics');
    const points = new Map<string, PointBatch>();
    for (const key of await listKeys(dir)) {
      let metric = s.metrics.get(key);
      const file = path.join(dir, key);
      if (!metric) {
        metric = { tail: new FileTail(file), parser: new MetricLineParser(), seen: '' };
        s.metrics.set(key, metric);
      }
      let chunk;
      try {
        const st = await fs.stat(file);
        const seen = `${st.size}:${st.mtimeMs}:${st.ino}`;
        if (seen === metric.seen) {
          continue;
        }
        chunk = await metric.tail.read();
        // A file bigger than one read slice is not done yet: look again next poll.
        metric.seen = metric.tail.position >= st.size ? seen : '';
      } catch (err) {
        s.errors.add('read-failed', `Cannot read metric ${key}: ${errorMessage(err)}`, file);
        continue;
      }
      if (chunk.reset && !fresh) {
        throw new RestartNeeded();
      }
      if (chunk.offset === 0 && chunk.bytes.length > 0) {
        files.push(file);
      }
      const batch = metric.parser.push(chunk.bytes, (bad) =>
        s.errors.add(
          'bad-metric-line',
          `Metric ${key}, line ${bad.lineNo}: "${bad.text}" is not "<timestamp> <value> <step>"; skipped.`,
          file,
        ),
      );
      if (batch.steps.length > 0) {
        points.set(key, batch);
      }
    }
    return points;
  }

  private async readArtifacts(): Promise<RunDelta['artifacts']> {
    const s = this.state;
    if (!s.artifacts) {
      const root = await this.artifactRoot();
      if (root) {
        s.artifacts = new ArtifactScanner(root);
      }
    }
    const found = (await s.artifacts?.scan()) ?? {};
    const models = await s.models.scan();
    if (models.length > 0) {
      found.checkpoints = [...(found.checkpoints ?? []), ...models];
    }
    return Object.keys(found).length > 0 ? found : undefined;
  }

  /**
   * `<run>/artifacts` when present; else the meta's artifact_uri when it is a local folder here. A URI
   * from another machine (`file:///C:/Users/...` read on Linux, a moved mlruns) simply does not exist.
   */
  private async artifactRoot(): Promise<string | undefined> {
    const local = path.join(this.state.dir, 'artifacts');
    if (await isDir(local)) {
      return local;
    }
    const uri = this.state.artifactUri;
    if (!uri?.startsWith('file:')) {
      return undefined;
    }
    let dir: string;
    try {
      dir = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    return (await isDir(dir)) ? dir : undefined;
  }
}
