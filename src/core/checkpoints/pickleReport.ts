// Fills an InspectResult from a decoded torch pickle: named tensors, totals, dtype counts, tree and hints.
import { elementBytes } from './dtypes';
import { frameworkHints } from './frameworks';
import type { PickleValue } from './pickleTypes';
import { summaryTree } from './summaryTree';
import { paramScope } from './paramScope';
import { MAX_WALK_DEPTH, walkTensors } from './tensorWalk';
import type { InspectResult, TensorInfo } from './types';

export function addTensor(result: InspectResult, info: TensorInfo, countsAsParam: boolean): void {
  result.tensors.push(info);
  result.totalNumel += info.numel;
  result.totalBytes += info.sizeBytes;
  if (countsAsParam) {
    result.totalParams += info.numel;
  }
  result.dtypeCounts[info.dtype] = (result.dtypeCounts[info.dtype] ?? 0) + 1;
}

/** Adds the pickle's tensors and summary to `result`; returns the storage keys the tensors use. */
export function reportPickle(result: InspectResult, root: PickleValue, globals: ReadonlySet<string>): Set<string> {
  const walk = walkTensors(root);
  const isParam = paramScope(
    root,
    walk.tensors.map((t) => t.name),
  );
  const keys = new Set<string>();
  for (const { name, tensor } of walk.tensors) {
    keys.add(tensor.storageKey);
    addTensor(
      result,
      {
        name,
        dtype: tensor.dtype,
        shape: tensor.shape,
        numel: tensor.numel,
        sizeBytes: tensor.numel * elementBytes(tensor.dtype),
      },
      isParam(name),
    );
  }
  if (walk.tooDeep) {
    result.errors.push({
      code: 'pickle-too-deep',
      message: `objects nested deeper than ${MAX_WALK_DEPTH} levels were skipped`,
      file: result.path,
    });
  }
  result.tree = summaryTree(root);
  result.frameworks = frameworkHints(result.path, root, globals);
  return keys;
}
