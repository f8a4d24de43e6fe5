// A multi-select quick pick of all runs, grouped by project, newest first, key metric and status shown.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import type { RunState } from '../../core/runs/runState';
import { formatLabel } from '../views/formatLabels';
import { keyMetricText } from '../views/runItems';

interface RunPick extends vscode.QuickPickItem {
  runId?: string;
}

export async function pickRuns(
  store: RunStore,
  title: string,
  preselected: string[],
  exclude: string[] = [],
): Promise<string[] | undefined> {
  const runs = store.all().filter((r) => !exclude.includes(r.id));
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('Runboard: no runs found yet.');
    return undefined;
  }
  const byProject = new Map<string, RunState[]>();
  for (const run of runs) {
    byProject.set(run.project, [...(byProject.get(run.project) ?? []), run]);
  }
  const items: RunPick[] = [];
  for (const project of [...byProject.keys()].sort((a, b) => a.localeCompare(b))) {
    items.push({ label: project, kind: vscode.QuickPickItemKind.Separator });
    const sorted = (byProject.get(project) ?? []).sort((a, b) => recency(b) - recency(a));
    for (const run of sorted) {
      items.push({
        label: run.name,
        description: formatLabel(run.format),
        detail: [run.status, keyMetricText(run)].filter(Boolean).join(' · '),
        picked: preselected.includes(run.id),
        runId: run.id,
      });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title,
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.map((p) => p.runId).filter((id): id is string => !!id);
}

function recency(run: RunState): number {
  return run.startTime ? run.startTime * 1000 : run.lastUpdate;
}
