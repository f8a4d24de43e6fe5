// The run's checkpoints that can be placed on the curves (they have a step), for the chart markers.
import type { FileEntryDto } from '../../shared/runProtocol';
import type { ChartCheckpoint } from '../charts/checkpointMarkers';

export function checkpointsOf(files: FileEntryDto[]): ChartCheckpoint[] {
  const out: ChartCheckpoint[] = [];
  for (const f of files) {
    if (f.kind === 'checkpoint' && f.step !== undefined && Number.isFinite(f.step)) {
      out.push({
        step: f.step,
        path: f.path,
        title: f.detail ? `${f.label} · ${f.detail}` : f.label,
        best: !!f.best,
        ...(f.savedAt !== undefined ? { savedAt: f.savedAt } : {}),
      });
    }
  }
  return out;
}
