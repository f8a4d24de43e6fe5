// Named errors of the checkpoint inspector: every malformed input ends as one of these, never as a crash.

export type CheckpointErrorCode =
  | 'io-error'
  | 'truncated'
  | 'unknown-format'
  | 'safetensors-header-too-large'
  | 'safetensors-bad-json'
  | 'safetensors-bad-entry'
  | 'safetensors-offsets-out-of-range'
  | 'safetensors-offsets-overlap'
  | 'zip-bad-magic'
  | 'zip-truncated'
  | 'zip-bad-entry'
  | 'zip-unsupported-compression'
  | 'zip-missing-entry'
  | 'torch-no-data-pkl'
  | 'torch-legacy-bad-magic'
  | 'torch-legacy-tar-unsupported'
  | 'torch-big-endian'
  | 'pickle-truncated'
  | 'pickle-bad-opcode'
  | 'pickle-stack-underflow'
  | 'pickle-mark-missing'
  | 'pickle-too-many-ops'
  | 'pickle-too-deep'
  | 'pickle-memo-index'
  | 'pickle-memo-missing'
  | 'pickle-too-large'
  | 'pickle-bad-value'
  | 'pickle-no-stop';

/** An error with a stable code; the inspector turns it into a RunError. */
export class CheckpointError extends Error {
  constructor(
    readonly code: CheckpointErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CheckpointError';
  }
}

export function errorCode(err: unknown): string {
  if (err instanceof CheckpointError) {
    return err.code;
  }
  // Node fs errors carry a string `code` (ENOENT, EACCES, …); anything else is a bug of ours.
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? 'io-error' : 'internal-error';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
