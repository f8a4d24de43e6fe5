// Inspects a checkpoint in a worker thread with its own heap cap and a time limit. The pickle VM bounds
// ops, items and memo entries, but a file under those bounds can still ask for gigabytes (two million
// empty dicts from a 2 MB file take ~170 MB; a 50 MB one, gigabytes and seconds): in the extension host
// that would stall or kill every extension. In a worker, running out of heap or time only ends the worker,
// and the file gets a named error. Results cross by structured clone (InspectResult is plain data).
// At most MAX_WORKERS read at once (each may take up to its heap cap); a read can be cancelled (the
// editor closed, or the file changed again), which stops its worker or takes it out of the queue.
import { Worker } from 'node:worker_threads';
import { emptyResult } from './result';
import type { InspectResult } from './types';

export interface IsolationLimits {
  /** The worker's old-generation heap, in MB. */
  maxHeapMb: number;
  /** Wall-clock time before the worker is stopped. */
  timeoutMs: number;
}

export const DEFAULT_ISOLATION: IsolationLimits = { maxHeapMb: 1024, timeoutMs: 60_000 };
const MAX_WORKERS = 2;

let running = 0;
/** Reads waiting for a slot, first come first served; a freed slot goes straight to the first one. */
const waiting: { start(): void }[] = [];

/** Workers running now (tests check the limit). */
export function runningWorkers(): number {
  return running;
}

/** Waits for a free worker slot (false: cancelled while waiting); `release` gives it back. */
function slot(signal?: AbortSignal): Promise<boolean> {
  if (running < MAX_WORKERS) {
    running++;
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const waiter = { start: () => resolve(true) };
    waiting.push(waiter);
    signal?.addEventListener(
      'abort',
      () => {
        const at = waiting.indexOf(waiter);
        if (at >= 0) {
          waiting.splice(at, 1);
          resolve(false);
        }
      },
      { once: true },
    );
  });
}

function release(): void {
  const next = waiting.shift();
  if (next) {
    next.start(); // the slot passes on: `running` stays
  } else {
    running--;
  }
}

function errorResult(target: string, code: string, message: string): InspectResult {
  const result = emptyResult(target);
  result.errors.push({ code, message, file: target });
  return result;
}

/**
 * Inspects `target` in a worker started from `workerFile` (inspectWorker.ts, built). Never throws; a
 * cancelled read resolves with an `inspect-cancelled` error.
 */
export async function inspectIsolated(
  target: string,
  workerFile: string,
  limits: IsolationLimits = DEFAULT_ISOLATION,
  signal?: AbortSignal,
): Promise<InspectResult> {
  const cancelled = () => errorResult(target, 'inspect-cancelled', 'the read was cancelled');
  if (signal?.aborted || !(await slot(signal))) {
    return cancelled();
  }
  try {
    // Cancelled between getting the slot and now: no worker to start.
    return signal?.aborted ? cancelled() : await inWorker(target, workerFile, limits, signal);
  } finally {
    release();
  }
}

function inWorker(
  target: string,
  workerFile: string,
  limits: IsolationLimits,
  signal?: AbortSignal,
): Promise<InspectResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: InspectResult) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        // Resolved (and the slot freed) only once the worker is gone: a stopped one may still hold
        // most of its heap until then.
        void worker.terminate().then(
          () => resolve(result),
          () => resolve(result),
        );
      }
    };
    const failed = (code: string, message: string) => finish(errorResult(target, code, message));
    const onAbort = () => failed('inspect-cancelled', 'the read was cancelled');
    const worker = new Worker(workerFile, {
      workerData: target,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
    const timer = setTimeout(
      () => failed('inspect-timeout', `reading it took longer than ${limits.timeoutMs / 1000} s; stopped`),
      limits.timeoutMs,
    );
    worker.once('message', (result: InspectResult) => finish(result));
    worker.once('error', (err: Error & { code?: string }) =>
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? failed('inspect-too-large', `reading it needed more than ${limits.maxHeapMb} MB of memory; stopped`)
        : failed('inspect-failed', err.message),
    );
    worker.once('exit', (code) => failed('inspect-failed', `the reader stopped (exit code ${code}) without a result`));
    if (signal?.aborted) {
      onAbort();
    } else {
      signal?.addEventListener('abort', onAbort, { once: true });
    }
  });
}
