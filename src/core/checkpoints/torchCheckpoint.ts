// torch.save files: the zip container (torch ≥ 1.6: `<prefix>/data.pkl` + `<prefix>/data/<key>` storages) and the
// legacy stream (magic pickle, protocol, sys info, main pickle, storage keys, raw storages). Only pickles and a
// few tiny entries are read; storage bytes never are.
import { CheckpointError } from './errors';
import { unpickle } from './pickle';
import type { UnpickleResult } from './pickle';
import { isNode, dictGet } from './pickleTypes';
import { reportPickle } from './pickleReport';
import type { RandomAccess } from './randomAccess';
import type { InspectResult } from './types';
import { readZipDirectory, readZipEntry } from './zipReader';
import type { ZipDirectory, ZipEntry } from './zipReader';

/** data.pkl above this is refused (real ones are KBs to a few MB). */
export const MAX_PICKLE_BYTES = 256 * 1024 * 1024;
const SMALL_ENTRY = 4096;
/** 0x1950a86a20f9469cfc6c, torch.serialization.MAGIC_NUMBER. */
export const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

const text = new TextDecoder('utf-8');

function findDataPkl(dir: ZipDirectory): ZipEntry | undefined {
  let best: ZipEntry | undefined;
  for (const e of dir.entries) {
    if (e.name === 'data.pkl' || (e.name.endsWith('/data.pkl') && e.name.indexOf('/') === e.name.length - 9)) {
      if (best === undefined || e.name.length < best.name.length) {
        best = e;
      }
    }
  }
  return best;
}

async function smallText(file: RandomAccess, dir: ZipDirectory, name: string): Promise<string | undefined> {
  const e = dir.byName.get(name);
  if (!e) {
    return undefined;
  }
  return text.decode(await readZipEntry(file, e, SMALL_ENTRY)).trim();
}

export async function inspectTorchZip(file: RandomAccess, result: InspectResult): Promise<void> {
  result.format = 'torch-zip';
  const dir = await readZipDirectory(file);
  const pklEntry = findDataPkl(dir);
  if (pklEntry === undefined) {
    throw new CheckpointError('torch-no-data-pkl', 'ZIP has no <archive>/data.pkl: not a torch.save file');
  }
  const prefix = pklEntry.name.slice(0, -'data.pkl'.length);
  const storages = dir.entries.filter((e) => e.name.startsWith(`${prefix}data/`));
  result.torch = {
    prefix: prefix.replace(/\/$/, ''),
    formatVersion:
      (await smallText(file, dir, `${prefix}.format_version`)) ?? (await smallText(file, dir, `${prefix}version`)),
    byteorder: await smallText(file, dir, `${prefix}byteorder`),
    serializationId: await smallText(file, dir, `${prefix}.data/serialization_id`),
    storageCount: storages.length,
  };
  if (result.torch.byteorder === 'big') {
    result.errors.push({ code: 'torch-big-endian', message: 'storages are big-endian', file: result.path });
  }
  const pkl = await readZipEntry(file, pklEntry, MAX_PICKLE_BYTES);
  const { value, globals } = unpickle(pkl);
  const keys = reportPickle(result, value, globals);
  const missing = [...keys].filter((k) => !dir.byName.has(`${prefix}data/${k}`));
  if (missing.length > 0) {
    result.errors.push({
      code: 'zip-missing-entry',
      message: `${missing.length} tensor storage(s) have no data entry (first: ${prefix}data/${missing[0]})`,
      file: result.path,
    });
  }
}

/** Tar-based torch files (before 0.4) have `ustar` at byte 257. */
function isTar(head: Uint8Array): boolean {
  return head.length > 262 && text.decode(head.subarray(257, 262)) === 'ustar';
}

interface LegacyPickles {
  magic: UnpickleResult;
  protocol: UnpickleResult;
  sysInfo: UnpickleResult;
  main: UnpickleResult;
  keys: UnpickleResult;
}

function parseLegacy(buf: Uint8Array): LegacyPickles {
  const magic = unpickle(buf, 0);
  if (magic.value !== LEGACY_MAGIC) {
    throw new CheckpointError(
      'torch-legacy-bad-magic',
      'first pickle is not the torch magic number: not a torch.save file',
    );
  }
  const protocol = unpickle(buf, magic.end);
  const sysInfo = unpickle(buf, protocol.end);
  const main = unpickle(buf, sysInfo.end);
  const keys = unpickle(buf, main.end);
  return { magic, protocol, sysInfo, main, keys };
}

function isShort(err: unknown): boolean {
  return err instanceof CheckpointError && (err.code === 'pickle-truncated' || err.code === 'pickle-no-stop');
}

export async function inspectTorchLegacy(file: RandomAccess, result: InspectResult): Promise<void> {
  result.format = 'torch-legacy';
  // The pickles come first; their end is only known by parsing, so read a prefix and grow it while they run short.
  let len = Math.min(file.size, 1 << 20);
  let parsed: LegacyPickles | undefined;
  for (;;) {
    const buf = await file.read(0, len);
    if (isTar(buf)) {
      throw new CheckpointError('torch-legacy-tar-unsupported', 'tar-based torch file (torch < 0.4) is not supported');
    }
    try {
      parsed = parseLegacy(buf);
      break;
    } catch (err) {
      if (!isShort(err) || len >= file.size) {
        throw err;
      }
      if (len >= MAX_PICKLE_BYTES) {
        throw new CheckpointError('pickle-too-large', `legacy pickles exceed ${MAX_PICKLE_BYTES} bytes`);
      }
      len = Math.min(file.size, len * 4);
    }
  }
  const { protocol, sysInfo, main, keys } = parsed;
  const keyList = isNode(keys.value, 'list') ? keys.value.items : [];
  result.torch = { formatVersion: String(protocol.value), storageCount: keyList.length };
  if (isNode(sysInfo.value, 'dict') && dictGet(sysInfo.value, 'little_endian') === false) {
    result.torch.byteorder = 'big';
    result.errors.push({ code: 'torch-big-endian', message: 'storages are big-endian', file: result.path });
  } else {
    result.torch.byteorder = 'little';
  }
  reportPickle(result, main.value, main.globals);
}
