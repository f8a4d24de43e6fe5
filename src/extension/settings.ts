// Typed access to Runboard's settings.
import * as vscode from 'vscode';
import type { RunFormat } from '../core/runs/model';

export interface RunboardSettings {
  runRoots: string[];
  isFormatEnabled: (format: RunFormat) => boolean;
  usePolling: boolean;
  /** Globs from files.watcherExclude that are switched on. */
  watcherExclude: string[];
  quietPeriodMs: number;
}

export function readSettings(): RunboardSettings {
  const config = vscode.workspace.getConfiguration('runboard');
  const sources = config.get<Record<string, boolean>>('sources') ?? {};
  const watcherExclude =
    vscode.workspace.getConfiguration('files', null).get<Record<string, boolean>>('watcherExclude') ?? {};
  return {
    runRoots: (config.get<string[]>('runRoots') ?? []).filter((p) => typeof p === 'string' && p.trim() !== ''),
    isFormatEnabled: (format) => sources[format] !== false,
    usePolling: config.get<boolean>('watch.usePolling') ?? false,
    watcherExclude: Object.entries(watcherExclude)
      .filter(([, on]) => on)
      .map(([glob]) => glob),
    quietPeriodMs: (config.get<number>('statusQuietPeriodSeconds') ?? 60) * 1000,
  };
}

/** True when a configuration change touches what discovery depends on. */
export function affectsDiscovery(e: vscode.ConfigurationChangeEvent): boolean {
  return (
    e.affectsConfiguration('runboard.runRoots') ||
    e.affectsConfiguration('runboard.sources') ||
    e.affectsConfiguration('runboard.watch') ||
    e.affectsConfiguration('files.watcherExclude')
  );
}
