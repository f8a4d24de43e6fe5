// System metrics (StatsRecord items, legacy wandb-events.jsonl) → `system/<W&B stat key>` series.
// Stats have no training step: the step is the sample's index, the wall time its timestamp.
import type { PointCollector } from '../../series/series';
import type { WandbItem } from './records';
import { parseValueJson } from './valueJson';

export const SYSTEM_PREFIX = 'system/';

export function addStatsSample(items: WandbItem[], index: number, timestamp: number, points: PointCollector): void {
  for (const item of items) {
    const key = item.nestedKey.length > 0 ? item.nestedKey.join('.') : item.key;
    const parsed = parseValueJson(item.valueJson);
    if (parsed.ok) {
      addStatValue(key, parsed.value, index, timestamp, points, 0);
    }
  }
}

/** Numbers become points; objects (older writers: `network: {sent, recv}`) are flattened with `.`. */
export function addStatValue(
  key: string,
  value: unknown,
  index: number,
  timestamp: number,
  points: PointCollector,
  depth: number,
): void {
  if (typeof value === 'number') {
    points.add(SYSTEM_PREFIX + key, index, value, timestamp);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 4) {
    for (const [k, v] of Object.entries(value)) {
      addStatValue(`${key}.${k}`, v, index, timestamp, points, depth + 1);
    }
  }
}
