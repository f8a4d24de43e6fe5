// Saving what the dashboard exports: a series as CSV, a chart as PNG (the user picks where).
import * as vscode from 'vscode';
import type { Series } from '../../core/series/series';

export async function exportSeriesCsv(series: Series, runName: string): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    title: `Export ${series.name} as CSV`,
    defaultUri: defaultTarget(`${runName}-${series.name}.csv`),
    filters: { CSV: ['csv'] },
  });
  if (!target) {
    return;
  }
  const lines = ['step,value,wall_time'];
  const { steps, values, wallTimes } = series;
  for (let i = 0; i < series.length; i++) {
    const v = values[i];
    const value = Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v);
    lines.push(`${steps[i]},${value},${Number.isNaN(wallTimes[i]) ? '' : wallTimes[i]}`);
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(lines.join('\n') + '\n'));
}

export async function savePng(name: string, dataUrl: string): Promise<void> {
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!match) {
    return;
  }
  const target = await vscode.window.showSaveDialog({
    title: `Save chart ${name} as PNG`,
    defaultUri: defaultTarget(`${name}.png`),
    filters: { PNG: ['png'] },
  });
  if (!target) {
    return;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(match[1], 'base64'));
}

function defaultTarget(fileName: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName.replace(/[\\/:*?"<>|]/g, '_')) : undefined;
}

export async function saveText(
  title: string,
  fileName: string,
  text: string,
  filters: Record<string, string[]>,
): Promise<void> {
  const target = await vscode.window.showSaveDialog({ title, defaultUri: defaultTarget(fileName), filters });
  if (target) {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  }
}

/** Writes report.md and its chart PNGs into a folder the user picks (never a run folder unless chosen). */
export async function saveReport(markdown: string, charts: { file: string; dataUrl: string }[]): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Folder for the comparison report',
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: 'Write Report Here',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  const folder = picked?.[0];
  if (!folder) {
    return;
  }
  for (const chart of charts) {
    const match = /^data:image\/png;base64,(.+)$/.exec(chart.dataUrl);
    const file = chart.file.replace(/[^A-Za-z0-9._-]/g, '_');
    if (match) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file), Buffer.from(match[1], 'base64'));
    }
  }
  const report = vscode.Uri.joinPath(folder, 'report.md');
  await vscode.workspace.fs.writeFile(report, new TextEncoder().encode(markdown));
  await vscode.commands.executeCommand('vscode.open', report);
}
