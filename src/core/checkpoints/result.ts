// A blank InspectResult, filled in by the readers.
import type { InspectResult } from './types';

export function emptyResult(path: string, fileSize = 0): InspectResult {
  return {
    path,
    fileSize,
    tensors: [],
    totalParams: 0,
    totalNumel: 0,
    totalBytes: 0,
    dtypeCounts: {},
    frameworks: [],
    errors: [],
  };
}
