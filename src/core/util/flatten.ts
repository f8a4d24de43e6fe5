// Flattens nested config objects to `a.b.c` keys with scalar values, as the run model wants.
import type { ConfigMap, ConfigValue } from '../runs/model';

const MAX_DEPTH = 32;

export function flattenConfig(value: unknown, prefix = '', out: ConfigMap = {}, depth = 0): ConfigMap {
  if (depth > MAX_DEPTH) {
    out[prefix] = '[nested too deep]';
    return out;
  }
  if (Array.isArray(value)) {
    if (value.every(isScalar)) {
      if (prefix) {
        out[prefix] = JSON.stringify(value);
      }
      return out;
    }
    value.forEach((item, i) => flattenConfig(item, prefix ? `${prefix}.${i}` : String(i), out, depth + 1));
    return out;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) {
      out[prefix] = '{}';
    }
    for (const [key, child] of entries) {
      flattenConfig(child, prefix ? `${prefix}.${key}` : key, out, depth + 1);
    }
    return out;
  }
  if (prefix) {
    out[prefix] = toConfigValue(value);
  }
  return out;
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value) || value instanceof Date;
}

export function toConfigValue(value: unknown): ConfigValue {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'bigint') {
    return Number(value);
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  return JSON.stringify(value);
}
