// Every format Runboard reads, in detection priority order: a format earlier in the list claims its
// files first (a W&B run dir's files/ must not also become a generic CSV run).
import type { RunFormat } from '../runs/model';
import type { SourceFormat } from './types';

export const ALL_FORMATS: readonly SourceFormat[] = [];

export function formatById(id: RunFormat): SourceFormat | undefined {
  return ALL_FORMATS.find((f) => f.id === id);
}

/** The formats not switched off, in priority order. */
export function enabledFormats(isEnabled: (id: RunFormat) => boolean): SourceFormat[] {
  return ALL_FORMATS.filter((f) => isEnabled(f.id));
}
