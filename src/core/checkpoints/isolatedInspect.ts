// Inspects a checkpoint in a worker thread with its own heap cap and a time limit. The pickle VM bounds
// ops, items and memo entries, but a file under those bounds can still ask for gigabytes (two million
// empty dicts from a 2 MB file take ~170 MB; a 50 MB one, gigabytes and seconds): in the extension host
// that would stall or kill every extension. In a worker, running out of heap or time only ends the worker,
// and the file gets a named error. Results cross by structured clone (InspectResult is plain data).
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

/** Inspects `target` in a worker started from `workerFile` (inspectWorker.ts, built). Never throws. */
export function inspectIsolated(
  target: string,
  workerFile: string,
  limits: IsolationLimits = DEFAULT_ISOLATION,
): Promise<InspectResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: InspectResult) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(result);
      }
    };
    const failed = (code: string, message: string) => {
      const result = emptyResult(target);
      result.errors.push({ code, message, file: target });
      finish(result);
    };
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
  });
}
