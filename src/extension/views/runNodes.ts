// The Runs tree's elements: plain objects that name what they show; runsTree.ts maps them to TreeItems.

export type RunGroup = 'metrics' | 'config' | 'checkpoints' | 'images' | 'files' | 'errors';

export type RunsNode =
  | { kind: 'project'; project: string }
  | { kind: 'run'; runId: string }
  | { kind: 'group'; runId: string; group: RunGroup }
  | { kind: 'leaf'; runId: string; group: RunGroup; key: string; index: number }
  /** A launched run not yet linked to a run folder ("starting…"); see extension/launch. */
  | { kind: 'pending'; id: string };

export function nodeKey(node: RunsNode): string {
  switch (node.kind) {
    case 'project':
      return `p:${node.project}`;
    case 'run':
      return `r:${node.runId}`;
    case 'group':
      return `g:${node.runId}:${node.group}`;
    case 'leaf':
      return `l:${node.runId}:${node.group}:${node.index}:${node.key}`;
    case 'pending':
      return `s:${node.id}`;
  }
}
