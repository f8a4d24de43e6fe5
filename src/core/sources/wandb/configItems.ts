// W&B config and summary items → flattened config keys. Config keys `_wandb*` are wandb's internals
// (cli_version, telemetry, metric definitions) and are skipped. Summary values go under `summary.`.
import type { ConfigMap } from '../../runs/model';
import { flattenConfig } from '../../util/flatten';
import type { UpdateRecord, WandbItem } from './records';
import { parseValueJson } from './valueJson';

export const SUMMARY_PREFIX = 'summary.';

/** `{value: x}` / `{desc: …, value: x}` (config.yaml's shape) → x; anything else unchanged. */
export function unwrapConfigValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.includes('value') && keys.every((k) => k === 'value' || k === 'desc')) {
      return (value as Record<string, unknown>).value;
    }
  }
  return value;
}

function itemName(item: WandbItem): string {
  return item.nestedKey.length > 0 ? item.nestedKey.join('.') : item.key;
}

/** Applies config updates; returns the names whose value_json was not JSON. */
export function applyConfigUpdate(rec: UpdateRecord, out: ConfigMap): string[] {
  const bad: string[] = [];
  for (const item of rec.update) {
    const name = itemName(item);
    if (name.startsWith('_wandb') || name === 'wandb_version') {
      continue;
    }
    const parsed = parseValueJson(item.valueJson);
    if (!parsed.ok) {
      bad.push(name);
      continue;
    }
    flattenConfig(unwrapConfigValue(parsed.value), name, out);
  }
  return bad;
}

/** Applies a summary update under `summary.`; media entries (objects with `_type`) and `_` keys are skipped. */
export function applySummaryUpdate(rec: UpdateRecord, out: ConfigMap): string[] {
  const bad: string[] = [];
  const mediaGroups = new Set<string>();
  for (const item of rec.update) {
    const n = item.nestedKey.length;
    if (n >= 2 && item.nestedKey[n - 1] === '_type') {
      mediaGroups.add(item.nestedKey.slice(0, -1).join('.'));
    }
  }
  for (const item of rec.update) {
    const name = itemName(item);
    if (name.startsWith('_')) {
      continue;
    }
    if (mediaGroups.size > 0 && isInGroup(name, mediaGroups)) {
      continue;
    }
    const parsed = parseValueJson(item.valueJson);
    if (!parsed.ok) {
      bad.push(name);
      continue;
    }
    addSummaryValue(name, parsed.value, out);
  }
  return bad;
}

/** One summary entry (also used for legacy wandb-summary.json). */
export function addSummaryValue(name: string, value: unknown, out: ConfigMap): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if ('_type' in value) {
      return;
    }
    const obj: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!k.startsWith('_') && !(v !== null && typeof v === 'object' && '_type' in v)) {
        obj[k] = v;
      }
    }
    flattenConfig(obj, SUMMARY_PREFIX + name, out);
    return;
  }
  flattenConfig(value, SUMMARY_PREFIX + name, out);
}

function isInGroup(name: string, groups: Set<string>): boolean {
  for (const g of groups) {
    if (name.startsWith(`${g}.`)) {
      return true;
    }
  }
  return false;
}
