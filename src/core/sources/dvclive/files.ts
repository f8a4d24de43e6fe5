// Walks a DVCLive dir: metric TSVs (series name = path under plots/metrics without `.tsv`) and images.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImageArtifact } from '../../runs/model';
import { imageMime } from '../csv/parts';

const MAX_DEPTH = 8;

/** Files under `dir` (relative paths with `/`), sorted; `skip` names top-level folders to leave out. */
export async function walk(dir: string, skip: string[] = [], depth = 0, prefix = ''): Promise<string[]> {
  if (depth > MAX_DEPTH) {
    return [];
  }
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (depth === 0 && skip.includes(e.name)) {
        continue;
      }
      out.push(...(await walk(path.join(dir, e.name), skip, depth + 1, rel)));
    } else if (e.isFile()) {
      out.push(rel);
    }
  }
  return out;
}

export interface DvcliveTables {
  /** Absolute TSV path → series name. */
  names: Map<string, string>;
}

/** The metric TSVs of a DVCLive dir: `plots/metrics/**` (DVCLive ≥ 1.0) and the legacy `dvclive/*.tsv`. */
export async function listMetricTables(liveDir: string, into: DvcliveTables): Promise<string[]> {
  const metricsDir = path.join(liveDir, 'plots', 'metrics');
  const found: string[] = [];
  for (const rel of await walk(metricsDir)) {
    if (!rel.endsWith('.tsv')) {
      continue;
    }
    const file = path.join(metricsDir, ...rel.split('/'));
    into.names.set(file, rel.slice(0, -4));
    found.push(file);
  }
  // Legacy (DVCLive < 1.0): `<dir>/<name>.tsv`, nested dirs for names with `/`.
  for (const rel of await walk(liveDir, ['plots'])) {
    if (!rel.endsWith('.tsv')) {
      continue;
    }
    const file = path.join(liveDir, ...rel.split('/'));
    into.names.set(file, rel.slice(0, -4));
    found.push(file);
  }
  return found;
}

/** Images under `plots/images`: tag = path without extension; `<name>/<step>.png` folders give the step. */
export async function listImages(liveDir: string): Promise<ImageArtifact[]> {
  const imagesDir = path.join(liveDir, 'plots', 'images');
  const out: ImageArtifact[] = [];
  for (const rel of await walk(imagesDir)) {
    const mime = imageMime(rel);
    if (!mime) {
      continue;
    }
    const stem = rel.slice(0, rel.length - path.extname(rel).length);
    const slash = stem.lastIndexOf('/');
    const last = stem.slice(slash + 1);
    const image: ImageArtifact = {
      tag: stem,
      mime,
      source: { kind: 'file', path: path.join(imagesDir, ...rel.split('/')) },
    };
    if (slash > 0 && /^\d+$/.test(last)) {
      image.tag = stem.slice(0, slash);
      image.step = Number(last);
    }
    out.push(image);
  }
  return out;
}
