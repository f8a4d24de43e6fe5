// Resolves the runs a command applies to: the tree's selection, one clicked node, or a run id.
import type { RunStore } from '../../core/runs/runStore';
import type { RunState } from '../../core/runs/runState';
import type { RunsNode } from '../views/runNodes';

export function runsFromArgs(store: RunStore, clicked: unknown, selected: unknown): RunState[] {
  const nodes = Array.isArray(selected) && selected.length > 0 ? selected : [clicked];
  const runs: RunState[] = [];
  for (const node of nodes) {
    const id = typeof node === 'string' ? node : isRunNode(node) ? node.runId : undefined;
    const run = id ? store.get(id) : undefined;
    if (run && !runs.includes(run)) {
      runs.push(run);
    }
  }
  return runs;
}

function isRunNode(value: unknown): value is Extract<RunsNode, { kind: 'run' }> {
  return typeof value === 'object' && value !== null && (value as RunsNode).kind === 'run';
}
