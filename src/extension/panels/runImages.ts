// The run's images for the dashboard. Files are served through asWebviewUri, and only when their real
// path (symlinks resolved) is inside the run folder; images embedded in another file (TensorBoard) are
// read on request, as a bounded byte range, and sent as a data URL.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ImageArtifact } from '../../core/runs/model';
import type { RunState } from '../../core/runs/runState';
import type { ImageDto } from '../../shared/runProtocol';

/** Largest embedded image sent to the webview. */
const MAX_EMBEDDED_BYTES = 16 * 1024 * 1024;
/** Most images listed per run (the newest steps of each tag come first). */
const MAX_IMAGES = 2000;

export function imageKey(image: ImageArtifact, index: number): string {
  return `${index}:${image.tag}:${image.step ?? ''}`;
}

export async function imageDtos(run: RunState, webview: vscode.Webview): Promise<ImageDto[]> {
  const realDir = await fs.realpath(run.dir).catch(() => run.dir);
  const out: ImageDto[] = [];
  for (const [index, image] of run.images.slice(-MAX_IMAGES).entries()) {
    const base: ImageDto = { key: imageKey(image, index), tag: image.tag, step: image.step, mime: image.mime };
    if (image.source.kind === 'embedded') {
      out.push(base);
      continue;
    }
    const file = image.source.path;
    const inside = await isInside(file, realDir);
    out.push(
      inside
        ? { ...base, path: file, src: webview.asWebviewUri(vscode.Uri.file(file)).toString() }
        : { ...base, path: file, error: `refused: ${path.basename(file)} is outside the run folder` },
    );
  }
  return out;
}

/** Reads an embedded image's bytes (answer to `requestImage`). */
export async function embeddedImage(run: RunState, key: string): Promise<{ dataUrl?: string; error?: string }> {
  const index = run.images.slice(-MAX_IMAGES).findIndex((image, i) => imageKey(image, i) === key);
  const image = index >= 0 ? run.images.slice(-MAX_IMAGES)[index] : undefined;
  if (!image || image.source.kind !== 'embedded') {
    return { error: 'no such image' };
  }
  const { file, offset, length } = image.source;
  if (length > MAX_EMBEDDED_BYTES) {
    return { error: `image of ${length} bytes is too large to show` };
  }
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const bytes = Buffer.alloc(length);
    const { bytesRead } = await handle.read(bytes, 0, length, offset);
    if (bytesRead !== length) {
      return { error: 'the image bytes are no longer in the file' };
    }
    return { dataUrl: `data:${image.mime};base64,${bytes.toString('base64')}` };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  } finally {
    await handle?.close();
  }
}

/** True when `file` (symlinks resolved) is inside `realDir`. */
export async function isInside(file: string, realDir: string): Promise<boolean> {
  const real = await fs.realpath(file).catch(() => undefined);
  if (!real) {
    return false;
  }
  const rel = path.relative(realDir, real);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
