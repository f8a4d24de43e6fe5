// Builds the TreeItems of the Runs view from run state: icons, descriptions, markdown tooltips.
import path from 'node:path';
import * as vscode from 'vscode';
import { pickKeyMetric } from '../../core/runs/keyMetric';
import { durationText, formatValue } from '../../shared/format';
import { lowerIsBetter } from '../../shared/metricDirection';
import type { RunStatus } from '../../core/runs/model';
import type { RunState } from '../../core/runs/runState';
import { PREVIEW_RUN_COMMAND } from '../commands/internalCommands';
import { formatLabel } from './formatLabels';
import type { RunGroup } from './runNodes';

const STATUS_ICONS: Record<RunStatus, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.green')),
  finished: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.blue')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  stopped: new vscode.ThemeIcon('debug-stop', new vscode.ThemeColor('charts.orange')),
  unknown: new vscode.ThemeIcon('circle-large-outline'),
};

export function keyMetricText(run: RunState): string {
  const key = pickKeyMetric(run.format, run.series.keys());
  if (!key) {
    return '';
  }
  const stats = run.series.get(key)?.stats();
  return stats?.last ? `${key} ${formatValue(stats.last[1])}` : '';
}

export function runItem(run: RunState, pinned: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `run:${run.id}`;
  item.description = keyMetricText(run) || formatLabel(run.format);
  item.iconPath =
    run.errors.length > 0 && run.series.size === 0 ? new vscode.ThemeIcon('warning') : STATUS_ICONS[run.status];
  item.contextValue = pinned ? 'run.pinned' : 'run';
  item.tooltip = runTooltip(run);
  item.resourceUri = vscode.Uri.file(run.file ?? run.dir);
  // No arguments on purpose (see rowClicks.ts): it opens the row the click selected.
  item.command = { command: PREVIEW_RUN_COMMAND, title: 'Open Run' };
  item.accessibilityInformation = { label: `${run.name}, ${run.status}, ${item.description}` };
  if (pinned) {
    item.label = { label: run.name, highlights: [] };
  }
  return item;
}

function runTooltip(run: RunState): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportHtml = false;
  md.isTrusted = false;
  const exit = run.launchExitCode !== undefined ? ` (exit code ${run.launchExitCode})` : '';
  md.appendMarkdown(`**${escape(run.name)}** — ${escape(formatLabel(run.format))}, ${run.status}${exit}\n\n`);
  md.appendMarkdown(`Project: ${escape(run.project)}  \nFolder: \`${escape(run.file ?? run.dir)}\`\n\n`);
  if (run.startTime) {
    md.appendMarkdown(`Started: ${new Date(run.startTime * 1000).toLocaleString()}  \n`);
  }
  if (run.startTime && run.endTime) {
    md.appendMarkdown(`Duration: ${durationText(run.endTime - run.startTime)}  \n`);
  }
  const steps = maxStep(run);
  if (steps !== undefined) {
    md.appendMarkdown(`Steps: ${steps}  \n`);
  }
  const lines = tooltipSeries(run).map((s) => {
    const st = s.stats();
    const lower = lowerIsBetter(s.name);
    const best = BOOKKEEPING.test(s.name) ? undefined : lower ? st.min : st.max;
    const at = lower ? st.minStep : st.maxStep;
    const bestText = best === undefined ? '' : `, best ${formatValue(best)}${at === undefined ? '' : ` @ ${at}`}`;
    return `\`${escape(s.name)}\`: last ${formatValue(st.last?.[1])}${bestText}`;
  });
  if (lines.length) {
    const more = run.series.size - lines.length;
    md.appendMarkdown(`\n${lines.join('  \n')}${more > 0 ? `  \n… and ${more} more` : ''}\n`);
  }
  if (run.errors.length) {
    md.appendMarkdown(`\n$(warning) ${run.errors.length} problem(s): ${escape(run.errors[0].message)}\n`);
  }
  return md;
}

/** Counters logged beside the metrics: no "best" value, listed after the metrics. */
const BOOKKEEPING = /^(epoch|step|global_step|trainer\/global_step)$/;

/** The series a run's tooltip lists: its key metric first, then the others (resource samples last), six at most. */
function tooltipSeries(run: RunState) {
  const key = pickKeyMetric(run.format, run.series.keys());
  const all = [...run.series.values()];
  const rank = (name: string) => (name === key ? 0 : name.startsWith('system/') || BOOKKEEPING.test(name) ? 2 : 1);
  return all.sort((a, b) => rank(a.name) - rank(b.name)).slice(0, 6);
}

function maxStep(run: RunState): number | undefined {
  let max: number | undefined;
  for (const s of run.series.values()) {
    const last = s.stats().last;
    if (last && (max === undefined || last[0] > max)) {
      max = last[0];
    }
  }
  return max;
}

/** Markdown-escapes text that comes from a run (names, paths, values). */
export function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, (c) => `\\${c}`);
}

export const GROUP_LABELS: Record<RunGroup, { label: string; icon: string }> = {
  metrics: { label: 'Metrics', icon: 'graph-line' },
  config: { label: 'Config', icon: 'settings' },
  checkpoints: { label: 'Checkpoints', icon: 'package' },
  images: { label: 'Images', icon: 'file-media' },
  files: { label: 'Files', icon: 'files' },
  errors: { label: 'Problems', icon: 'warning' },
};

export function groupItem(runId: string, group: RunGroup, count: number): vscode.TreeItem {
  const { label, icon } = GROUP_LABELS[group];
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `group:${runId}:${group}`;
  item.description = String(count);
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = `group.${group}`;
  return item;
}

export function fileLabel(p: string): string {
  return path.basename(p);
}
