// Reader parts shared by the CSV-family formats: growing tables, config files, artifact listings.
import fs from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import type { DeltaBuilder } from '../../runs/deltaBuilder';
import type { ConfigMap, RunArtifacts } from '../../runs/model';
import { FileSnapshot } from '../../util/fileTail';
import { flattenConfig } from '../../util/flatten';
import { parsePythonYaml } from '../../util/yaml';
import type { ReaderPart } from './partsReader';
import { TableSeriesFile, type TableReadResult, type TableSeriesOptions } from './tableSeries';

/** Tables of a run; `list` says which files exist now (a file that disappears resets the run). */
export class TablesPart implements ReaderPart {
  private tables = new Map<string, TableSeriesFile>();

  constructor(
    private readonly list: () => Promise<string[]>,
    private readonly options: (file: string) => TableSeriesOptions,
    private readonly after?: (table: TableSeriesFile, result: TableReadResult, out: DeltaBuilder) => void,
  ) {}

  get all(): TableSeriesFile[] {
    return [...this.tables.values()];
  }

  async poll(out: DeltaBuilder): Promise<void> {
    const files = await this.list();
    const present = new Set(files);
    for (const known of this.tables.keys()) {
      if (!present.has(known)) {
        out.reset = true;
      }
    }
    for (const file of files) {
      let table = this.tables.get(file);
      if (!table) {
        table = new TableSeriesFile(file, this.options(file));
        this.tables.set(file, table);
      }
      const result = await table.read(out.points);
      if (result.reset) {
        out.reset = true;
      }
      out.errors.push(...result.errors);
      if (table.header !== undefined || result.rows > 0) {
        out.files.add(file);
      }
      this.after?.(table, result, out);
    }
  }

  restart(): void {
    this.tables.clear();
  }
}

export type ConfigParser = (text: string) => { value: unknown; errors: string[] };

export const yamlConfig: ConfigParser = (text) => parsePythonYaml(text);

/** A config file tools rewrite whole (args.yaml, hparams.yaml, params.yaml): re-read when it changes. */
export class ConfigPart implements ReaderPart {
  private snapshot: FileSnapshot;

  constructor(
    readonly file: string,
    private readonly parse: ConfigParser = yamlConfig,
    private readonly prefix = '',
    private readonly use?: (config: ConfigMap, out: DeltaBuilder) => void,
  ) {
    this.snapshot = new FileSnapshot(file);
  }

  async poll(out: DeltaBuilder): Promise<void> {
    let text: string | undefined;
    try {
      text = await this.snapshot.read();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return;
      }
      throw err;
    }
    if (text === undefined) {
      return;
    }
    out.files.add(this.file);
    out.artifacts.files.push({ path: this.file, role: 'config' });
    const { value, errors } = this.parse(text);
    if (errors.length > 0) {
      out.errors.push({
        code: 'config-parse',
        message: `${this.file}: ${errors[0]}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`,
        file: this.file,
      });
    }
    const config = value !== null && typeof value === 'object' ? flattenConfig(value, this.prefix) : {};
    Object.assign(out.config, config);
    this.use?.(config, out);
  }

  restart(): void {
    this.snapshot = new FileSnapshot(this.file);
  }
}

/** Artifacts found by listing: gives an item again only when it is new or its size/mtime changed. */
export class ArtifactsPart implements ReaderPart {
  private seen = new Map<string, string>();

  constructor(private readonly list: () => Promise<RunArtifacts>) {}

  async poll(out: DeltaBuilder): Promise<void> {
    const found = await this.list();
    for (const c of found.checkpoints) {
      if (this.isNew(`c:${c.path}`, `${c.sizeBytes}:${c.mtimeMs}`)) {
        out.artifacts.checkpoints.push(c);
      }
    }
    for (const image of found.images) {
      const src = image.source.kind === 'file' ? image.source.path : image.source.file;
      if (this.isNew(`i:${image.tag}:${src}`, '')) {
        out.artifacts.images.push(image);
      }
    }
    for (const f of found.files) {
      if (this.isNew(`f:${f.path}`, '')) {
        out.artifacts.files.push(f);
      }
    }
  }

  restart(): void {
    this.seen.clear();
  }

  private isNew(key: string, version: string): boolean {
    if (this.seen.get(key) === version) {
      return false;
    }
    this.seen.set(key, version);
    return true;
  }
}

/**
 * Names in a directory (files only, a symlink when it leads to a file: discovery follows those too, so a
 * linked metrics.csv is read, not just found); empty when it does not exist.
 */
export async function listFiles(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const isFile = async (e: Dirent) =>
    e.isFile() || (e.isSymbolicLink() && !!(await fs.stat(path.join(dir, e.name)).catch(() => undefined))?.isFile());
  const kept = await Promise.all(entries.map(async (e) => ((await isFile(e)) ? e.name : undefined)));
  return kept.filter((name): name is string => name !== undefined).sort();
}

/** Size and mtime of a file, or undefined when it is gone. */
export async function statFile(file: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  try {
    const st = await fs.stat(file);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

const IMAGE_MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** The image MIME type of a file name, or undefined when it is not an image. */
export function imageMime(name: string): string | undefined {
  return IMAGE_MIME[path.extname(name).toLowerCase()];
}

/** Whether the first line of a file (bytes) parses as a header: its trimmed cells. */
export function headerCells(head: Uint8Array | undefined, delimiter = ','): string[] | undefined {
  if (!head || head.length === 0) {
    return undefined;
  }
  let text = new TextDecoder('utf-8').decode(head);
  const nl = text.indexOf('\n');
  if (nl >= 0) {
    text = text.slice(0, nl);
  }
  text = text.replace(/\r$/, '').replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    return undefined;
  }
  return text.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
