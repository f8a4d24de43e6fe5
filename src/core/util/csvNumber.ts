// CSV cells as numbers, with Python's spellings of the special values.
import { parseDecimalText } from './decimal';

/**
 * A cell as a number: NaN/±Infinity for Python's `nan`, `inf`, `-inf`, `NaN`, `Infinity`; undefined for an
 * empty cell, `NA`/`None`/`null` (Keras writes `NA` for missing values) or text that is not a number.
 * Surrounding spaces are ignored (padded Ultralytics cells).
 */
export function parseNumber(cell: string): number | undefined {
  if (cell.length === 0) {
    return undefined;
  }
  const v = +cell;
  if (v === v) {
    // `+"  "` is 0: a blank cell is no point.
    return v !== 0 || cell.trim().length > 0 ? v : undefined;
  }
  return pythonSpecialFloat(cell);
}

/** parseNumber(text.slice(start, end)), without the slice for plain decimal cells (the usual case). */
export function parseNumberAt(text: string, start: number, end: number): number | undefined {
  if (start === end) {
    return undefined;
  }
  return parseDecimalText(text, start, end, true) ?? parseNumber(text.slice(start, end));
}

/** Python float()'s spellings of NaN and ±Infinity (any case, spaces around); undefined for anything else. */
export function pythonSpecialFloat(cell: string): number | undefined {
  const t = cell.trim().toLowerCase();
  switch (t) {
    case 'nan':
    case '+nan':
    case '-nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    default:
      return undefined;
  }
}
