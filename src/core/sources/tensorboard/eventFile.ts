// One event file read incrementally: appended bytes only, a partial last record is re-read once the
// rest arrives, a rewritten/truncated file asks the reader to start over, a corrupt one stops here.
import type { ConfigMap, ImageArtifact, RunError } from '../../runs/model';
import { FileTail, MAX_TAIL_CHUNK } from '../../util/fileTail';
import { quietIn, sooner } from '../../util/quietFile';
import { DEFAULT_TRUNCATION_QUIET_MS } from '../types';
import { EventDecoder, type EventSink } from './events';
import { readHparams } from './hparams';
import { scanRecords } from './records';
import type { TagEntry, TagTable } from './tags';
import { WireReader } from './wire';

/** What all files of a run found during one poll (besides the points, which stay in the tag tables). */
export class PollFindings {
  images: ImageArtifact[] = [];
  config: ConfigMap = {};
  errors: RunError[] = [];
  minWallTime = Infinity;
  /** Poll again in this many ms (a partial record or a header-only file waiting to be called so). */
  recheckInMs?: number;
}

/** Bytes one poll reads from one file at most, so a poll returns in bounded time on huge files. */
const MAX_BYTES_PER_POLL = 512 * 1024 * 1024;
const LFS_MAGIC = 'version https://git-lfs';

export class EventFile {
  dead = false;
  private readonly tail: FileTail;
  private readonly decoder: EventDecoder;
  private buf: Uint8Array = new Uint8Array(0);
  private base = 0;
  private pendingBytes = 0;
  private findings = new PollFindings();
  private truncationReported = false;
  private headerOnlyReported = false;
  /** Records read so far (the first is the file_version header). */
  private records = 0;

  constructor(
    readonly path: string,
    tags: TagTable,
    private readonly verify: boolean,
    private readonly quietMs = DEFAULT_TRUNCATION_QUIET_MS,
  ) {
    this.tail = new FileTail(path);
    this.decoder = new EventDecoder(tags, this.sink());
  }

  /** Reads what was appended; returns true when the file was rewritten (the caller starts over). */
  async read(findings: PollFindings): Promise<boolean> {
    if (this.dead) {
      return false;
    }
    this.findings = findings;
    let budget = MAX_BYTES_PER_POLL;
    for (;;) {
      const want = Math.max(MAX_TAIL_CHUNK, this.pendingBytes);
      const chunk = await this.tail.read(want);
      if (chunk.reset) {
        return true;
      }
      const bytes = chunk.bytes;
      if (bytes.length === 0) {
        await this.checkHeaderOnly();
        return false;
      }
      if (chunk.offset === 0 && isPrefixOf(bytes, LFS_MAGIC)) {
        // Too short to tell yet: wait for more bytes.
        this.tail.rewindTo(0);
        return false;
      }
      if (chunk.offset === 0 && startsWith(bytes, LFS_MAGIC)) {
        this.stop('lfs-pointer', 'this is a Git LFS pointer, not the event file: run `git lfs pull` to fetch the data');
        return false;
      }
      this.buf = bytes;
      this.base = chunk.offset;
      const reader = new WireReader(bytes);
      const result = scanRecords(bytes, this.verify, (s, e) => this.decodeRecord(reader, s, e));
      this.buf = new Uint8Array(0);
      for (const p of result.problems) {
        const where = `at byte ${chunk.offset + p.at}`;
        if (p.fatal) {
          this.stop(p.code, `${p.message} (${where}); the rest of this file is not read`);
        } else {
          findings.errors.push({ code: p.code, message: `${p.message} (${where})`, file: this.path });
        }
      }
      if (this.dead) {
        return false;
      }
      if (this.headerOnlyReported && this.records > 1) {
        // Data after all (a writer slow to its first flush): read the run again, so the header-only
        // error it was given goes (errors are only dropped by a reset).
        return true;
      }
      this.tail.rewindTo(chunk.offset + result.consumed);
      this.pendingBytes = result.pendingRecordBytes ?? 0;
      budget -= bytes.length;
      const full = bytes.length >= want;
      const progress = result.consumed > 0 || this.pendingBytes > bytes.length;
      if (!full || !progress || budget <= 0) {
        if (!full) {
          await this.checkTruncation(result.consumed < bytes.length, chunk.offset + result.consumed);
        }
        return false;
      }
    }
  }

  /**
   * At the end of the file: a partial last record is waited for while the file changes; once it has been
   * left alone for `quietMs` it is reported (once) as truncated, and the points before it stay.
   */
  private async checkTruncation(partial: boolean, at: number): Promise<void> {
    if (!partial) {
      this.truncationReported = false;
      await this.checkHeaderOnly();
      return;
    }
    if (this.truncationReported || !(await this.quiet())) {
      return;
    }
    this.truncationReported = true;
    this.findings.errors.push({
      code: 'truncated-record',
      message: `the file ends inside a record (after byte ${at}): truncated, or still being written`,
      file: this.path,
    });
  }

  /**
   * A file that still holds only its file_version header once left alone: the writer stopped before its
   * first flush. Named on the run (TensorBoard shows nothing for it). The profiler's `.profile-empty`
   * marker files are header-only by design.
   */
  private async checkHeaderOnly(): Promise<void> {
    if (this.records !== 1 || this.headerOnlyReported || this.path.endsWith('.profile-empty')) {
      return;
    }
    if (await this.quiet()) {
      this.headerOnlyReported = true;
      this.findings.errors.push({
        code: 'header-only',
        message:
          'the event file holds only its header record: nothing was written after it (the writer stopped before its first flush)',
        file: this.path,
      });
    }
  }

  /** Whether the file has been left alone long enough; if not, asks for a poll once it will have been. */
  private async quiet(): Promise<boolean> {
    const wait = await quietIn(this.path, this.quietMs);
    if (wait > 0 && Number.isFinite(wait)) {
      this.findings.recheckInMs = sooner(this.findings.recheckInMs, wait + 50);
    }
    return wait === 0;
  }

  private decodeRecord(reader: WireReader, start: number, end: number): boolean {
    this.records++;
    try {
      this.decoder.decode(reader, start, end);
      return true;
    } catch {
      return false;
    }
  }

  private stop(code: string, message: string): void {
    this.dead = true;
    this.findings.errors.push({ code, message, file: this.path });
  }

  private sink(): EventSink {
    return {
      image: (entry: TagEntry, step, wallTime, start, end, width, height) => {
        this.findings.images.push({
          tag: entry.series,
          step,
          wallTime,
          mime: sniffMime(this.buf, start),
          source: { kind: 'embedded', file: this.path, offset: this.base + start, length: end - start },
          ...(width !== undefined ? { width } : {}),
          ...(height !== undefined ? { height } : {}),
        });
      },
      text: (entry, _step, _wallTime, text) => {
        this.findings.config[`text/${entry.series}`] = text;
      },
      hparams: (start, end) => {
        try {
          readHparams(this.buf, start, end, this.findings.config);
        } catch {
          this.findings.errors.push({
            code: 'bad-hparams',
            message: 'unreadable hparams summary skipped',
            file: this.path,
          });
        }
      },
      wallTime: (w) => {
        if (w < this.findings.minWallTime) {
          this.findings.minWallTime = w;
        }
      },
    };
  }
}

function isPrefixOf(bytes: Uint8Array, text: string): boolean {
  if (bytes.length >= text.length) {
    return false;
  }
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== text.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    if (bytes[i] !== text.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}

export function sniffMime(buf: Uint8Array, p: number): string {
  if (buf[p] === 0x89 && buf[p + 1] === 0x50 && buf[p + 2] === 0x4e && buf[p + 3] === 0x47) {
    return 'image/png';
  }
  if (buf[p] === 0xff && buf[p + 1] === 0xd8) {
    return 'image/jpeg';
  }
  if (buf[p] === 0x47 && buf[p + 1] === 0x49 && buf[p + 2] === 0x46) {
    return 'image/gif';
  }
  if (buf[p] === 0x42 && buf[p + 1] === 0x4d) {
    return 'image/bmp';
  }
  if (buf[p] === 0x52 && buf[p + 1] === 0x49 && buf[p + 2] === 0x46 && buf[p + 3] === 0x46) {
    return 'image/webp';
  }
  return 'application/octet-stream';
}
