// The records of one CSV read, kept compact: each row is a line range in the decoded text (or, for the
// rare quoted or whitespace-split record, its cells), so no string is made per cell. A CsvRow cursor
// finds a row's cells and parses numbers straight from the text.
import { parseNumberAt } from './csvNumber';

/** Per row in `refs`: text index, start, end, cell count; a pre-split row has text index -1, start = its index. */
const REF = 4;

export class CsvRows {
  private readonly texts: string[] = [];
  private readonly refs: number[] = [];
  private readonly split: string[][] = [];
  private readonly delim: number;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
  }

  get length(): number {
    return this.refs.length / REF;
  }

  /** The text that the following addLine() ranges point into. */
  addText(text: string): void {
    this.texts.push(text);
  }

  /** A record that is text[start, end) of the last added text, with `cells` cells. */
  addLine(start: number, end: number, cells: number): void {
    this.refs.push(this.texts.length - 1, start, end, cells);
  }

  addCells(cells: string[]): void {
    this.refs.push(-1, this.split.length, 0, cells.length);
    this.split.push(cells);
  }

  cellCount(row: number): number {
    return this.refs[row * REF + 3];
  }

  /** Points `cursor` at row `row`. */
  select(row: number, cursor: CsvRow): void {
    const at = row * REF;
    const textIndex = this.refs[at];
    if (textIndex < 0) {
      cursor.setCells(this.split[this.refs[at + 1]]);
    } else {
      cursor.setLine(this.texts[textIndex], this.refs[at + 1], this.refs[at + 2], this.delim);
    }
  }

  clear(): void {
    this.texts.length = 0;
    this.refs.length = 0;
    this.split.length = 0;
  }

  /** Every row as its cells (tests, small files). */
  toArrays(): string[][] {
    const out: string[][] = [];
    const cursor = new CsvRow();
    for (let r = 0; r < this.length; r++) {
      this.select(r, cursor);
      out.push(cursor.cells());
    }
    return out;
  }
}

/** One row's cells as ranges of a text; reused from row to row. */
export class CsvRow {
  private text = '';
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  count = 0;

  setLine(text: string, start: number, end: number, delim: number): void {
    this.text = text;
    let n = 0;
    let cellStart = start;
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) === delim) {
        this.starts[n] = cellStart;
        this.ends[n++] = i;
        cellStart = i + 1;
      }
    }
    this.starts[n] = cellStart;
    this.ends[n++] = end;
    this.count = n;
  }

  setCells(cells: string[]): void {
    this.text = cells.join('');
    let at = 0;
    for (let i = 0; i < cells.length; i++) {
      this.starts[i] = at;
      at += cells[i].length;
      this.ends[i] = at;
    }
    this.count = cells.length;
  }

  /** Cell i's text ('' past the last cell). */
  cell(i: number): string {
    return i < this.count ? this.text.slice(this.starts[i], this.ends[i]) : '';
  }

  /** Cell i as parseNumber reads it; undefined past the last cell. */
  number(i: number): number | undefined {
    return i < this.count ? parseNumberAt(this.text, this.starts[i], this.ends[i]) : undefined;
  }

  /** True for an empty or all-blank cell, or past the last cell. */
  isBlank(i: number): boolean {
    if (i >= this.count || this.starts[i] === this.ends[i]) {
      return true;
    }
    const c = this.text.charCodeAt(this.starts[i]);
    return c > 32 && c < 127 ? false : this.cell(i).trim() === '';
  }

  cells(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) {
      out.push(this.cell(i));
    }
    return out;
  }
}
