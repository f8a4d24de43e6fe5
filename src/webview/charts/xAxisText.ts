// How an x value reads on each axis, for ticks and for hover titles: steps, seconds since the start,
// or wall-clock time (seconds since the epoch). Shared by the dashboard's and Compare's charts.
import { durationText, formatValue } from '../../shared/format';
import type { XAxisMode } from '../../shared/runProtocol';

export function xTickText(mode: XAxisMode, v: number): string {
  if (mode === 'wall') {
    return new Date(v * 1000).toLocaleTimeString();
  }
  return mode === 'relative' ? durationText(v) : formatValue(v);
}

export function xPointText(mode: XAxisMode, v: number): string {
  if (mode === 'wall') {
    return new Date(v * 1000).toLocaleString();
  }
  return mode === 'relative' ? `+${durationText(v)}` : `step ${formatValue(v)}`;
}
