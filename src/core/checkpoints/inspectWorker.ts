// The worker thread's side of inspectIsolated (isolatedInspect.ts): inspects the path it is given and
// posts the result back. Bundled on its own as dist/checkpointWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { inspectCheckpoint } from './inspect';

void inspectCheckpoint(String(workerData)).then((result) => parentPort?.postMessage(result));
