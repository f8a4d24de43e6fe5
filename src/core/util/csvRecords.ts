// Splits CSV/TSV text into records (Python `csv` semantics, RFC 4180 quoting). Records end at `\n`
// outside quotes; `\r\n` is accepted; blank lines are skipped (as Python's DictReader does). The text
// after the last complete record is left to the caller, to wait for the rest of a growing file.
import { CsvRows } from './csvRows';

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Adds every complete record of `text` to `rows` (at most `limit`) and returns the index just after the
 * last one. Plain lines are kept as ranges of `text`; only a line with a quote is split into strings.
 */
export function scanRecordRanges(text: string, delimiter: string, rows: CsvRows, limit = Infinity): number {
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  const stopAt = rows.length + limit;
  rows.addText(text);
  let pos = 0;
  while (pos < n && rows.length < stopAt) {
    // One pass over the line: where it ends, how many cells it has, whether it has a quote.
    let i = pos;
    let cells = 1;
    let quoted = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) {
        break;
      }
      if (c === delim) {
        cells++;
      } else if (c === QUOTE) {
        quoted = true;
      }
    }
    if (i >= n) {
      break; // no newline yet
    }
    let end = i;
    if (end > pos && text.charCodeAt(end - 1) === CR) {
      end--;
    }
    if (end === pos) {
      pos = i + 1;
      continue;
    }
    if (!quoted) {
      rows.addLine(pos, end, cells);
      pos = i + 1;
      continue;
    }
    const quotedRows: string[][] = [];
    const next = scanQuotedRecord(text, pos, delim, quotedRows);
    if (next < 0) {
      break;
    }
    for (const row of quotedRows) {
      rows.addCells(row);
    }
    pos = next;
  }
  return pos;
}

/** scanRecordRanges with each record as its cells, appended to `out`. */
export function scanRecords(text: string, delimiter: string, out: string[][], limit = Infinity): number {
  const rows = new CsvRows(delimiter);
  const end = scanRecordRanges(text, delimiter, rows, limit);
  for (const row of rows.toArrays()) {
    out.push(row);
  }
  return end;
}

/** One record that contains a quote, char by char. Returns the index after it, or -1 when incomplete. */
function scanQuotedRecord(text: string, start: number, delim: number, out: string[][]): number {
  const n = text.length;
  const cells: string[] = [];
  let i = start;
  for (;;) {
    let cell = '';
    if (i < n && text.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0 || q + 1 >= n) {
          return -1;
        } // the closing quote (or what follows it) has not arrived yet
        cell += text.slice(i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          cell += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    }
    // Unquoted text (or text after a closing quote) up to the delimiter or the line end.
    let j = i;
    let c = 0;
    while (j < n) {
      c = text.charCodeAt(j);
      if (c === delim || c === LF) {
        break;
      }
      j++;
    }
    if (j >= n) {
      return -1;
    }
    let end = j;
    if (c === LF && end > i && text.charCodeAt(end - 1) === CR) {
      end--;
    }
    cells.push(cell + text.slice(i, end));
    i = j + 1;
    if (c === LF) {
      if (cells.length > 1 || cells[0] !== '') {
        out.push(cells);
      }
      return i;
    }
  }
}

/** Whitespace-separated records without header or quoting (YOLOv5 `results.txt`). */
export function scanWhitespaceRecords(text: string, out: string[][]): number {
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) {
      return pos;
    }
    const line = text.slice(pos, nl).trim();
    if (line) {
      out.push(line.split(/\s+/));
    }
    pos = nl + 1;
  }
}
