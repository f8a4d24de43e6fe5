// The contract between discovery and the per-format readers.
import type { DetectedRun, RunDelta, RunFormat } from '../runs/model';

/** One directory as discovery sees it: names only, nothing read yet. */
export interface DirListing {
  /** Absolute path. */
  dir: string;
  files: string[];
  dirs: string[];
}

/** Cheap file-system access a detector may use (bounded reads only). */
export interface DetectIo {
  /** The first `maxBytes` bytes of a file (fewer when the file is shorter); undefined if unreadable. */
  readHead(file: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /** A directory's listing; undefined if unreadable. */
  list(dir: string): Promise<DirListing | undefined>;
}

/** What a detector says about one directory. */
export interface Detection {
  runs: DetectedRun[];
  /** File names in this directory that belong to the runs found (later detectors skip them). */
  claimedFiles?: string[];
  /** Sub-directory names that belong to the runs found: discovery does not descend into them. */
  claimedDirs?: string[];
}

export interface ReaderOptions {
  /** Check every record's checksum, not only on parse failure (TensorBoard `--verify`). */
  verify?: boolean;
  /**
   * How long a file must be left unchanged before a partial last record in it is reported as truncated
   * (a live writer's buffered flush can end mid-record for a while). Default 10 minutes.
   */
  quietMs?: number;
}

export const DEFAULT_TRUNCATION_QUIET_MS = 10 * 60_000;

/** Reads one run incrementally. Never throws: every problem becomes a RunError in the delta. */
export interface RunReader {
  /** Reads what was appended (or rewritten) since the last call and returns it. */
  poll(): Promise<RunDelta>;
  /** Releases open handles. */
  dispose?(): void;
}

export interface SourceFormat {
  id: RunFormat;
  /** Human label, e.g. "TensorBoard". */
  label: string;
  /** Looks at one directory (and may read small heads of its files) and returns the runs rooted there. */
  detect(listing: DirListing, io: DetectIo): Promise<Detection | undefined>;
  createReader(run: DetectedRun, options?: ReaderOptions): RunReader;
}
