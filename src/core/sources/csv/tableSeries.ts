// One growing CSV/TSV file as series: each column a series keyed by a step column (or the row index).
// Shared by the Ultralytics, Lightning, Keras, DVCLive and generic CSV readers.
import type { RunError } from '../../runs/model';
import type { PointCollector } from '../../series/series';
import { CsvRow } from '../../util/csvRows';
import { CsvTableTail, type CsvDialect } from '../../util/csvTable';

/** Use the row index (0-based, counted over data rows) as the step. */
export const ROW_INDEX = -1;

export interface TableSeriesOptions {
  dialect?: CsvDialect;
  /** Column names of a headerless file (YOLOv5 results.txt); extra cells are named `col<N>`. */
  columns?: string[];
  /** Picks the step column from the header: its index, or ROW_INDEX. */
  stepColumn(header: string[]): number;
  /** Column holding a wall time, and the factor that turns it into seconds (DVCLive ms → 0.001). */
  wallTime?: { column: string; scale: number };
  /** Series name for a column; undefined skips it. Default: the trimmed name, empty names skipped. */
  seriesName?(column: string): string | undefined;
  /** Rewrites a row's cells before parsing (results.txt `0/2` and `5.12G`). */
  mapRow?(row: string[]): string[];
}

export interface TableReadResult {
  reset: boolean;
  errors: RunError[];
  /** Data rows that gave a step in this read. */
  rows: number;
}

interface Column {
  index: number;
  name: string;
}

export class TableSeriesFile {
  private table: CsvTableTail;
  private columns: Column[] = [];
  private stepIndex = ROW_INDEX;
  private timeIndex = -1;
  private rowIndex = 0;
  /** Cells the column names cover. */
  private width = 0;
  /** Step of the first and last row read (undefined before any). */
  firstStep?: number;
  lastStep?: number;

  constructor(
    readonly path: string,
    private readonly options: TableSeriesOptions,
  ) {
    this.table = new CsvTableTail(path, options.dialect);
  }

  get header(): string[] | undefined {
    return this.table.header;
  }

  /** Starts over from byte 0 (the run reader resets as a whole). */
  restart(): void {
    this.table = new CsvTableTail(this.path, this.options.dialect);
    this.columns = [];
    this.rowIndex = 0;
    this.firstStep = this.lastStep = undefined;
  }

  async read(out: PointCollector): Promise<TableReadResult> {
    const chunk = await this.table.readTable();
    if (chunk.reset) {
      this.columns = [];
      this.rowIndex = 0;
      this.firstStep = this.lastStep = undefined;
    }
    if (chunk.header) {
      this.useHeader(chunk.header);
    }
    let rows = 0;
    let badSteps = 0;
    const { stepIndex, timeIndex } = this;
    const scale = this.options.wallTime?.scale ?? 1;
    const row = new CsvRow();
    const table = chunk.rows;
    for (let r = 0; r < table.length; r++) {
      table.select(r, row);
      if (this.options.mapRow) {
        row.setCells(this.options.mapRow(row.cells()));
      }
      if (this.options.columns && row.count > this.width) {
        this.nameExtraColumns(row.count);
      }
      let step: number | undefined;
      if (stepIndex === ROW_INDEX) {
        step = this.rowIndex;
      } else {
        if (row.isBlank(stepIndex)) {
          continue;
        } // no step: the row gives no point
        step = row.number(stepIndex);
        if (step === undefined || Number.isNaN(step)) {
          badSteps++;
          continue;
        }
      }
      this.rowIndex++;
      rows++;
      if (this.firstStep === undefined) {
        this.firstStep = step;
      }
      this.lastStep = step;
      let wallTime = NaN;
      if (timeIndex >= 0) {
        const t = row.number(timeIndex);
        if (t !== undefined) {
          wallTime = t * scale;
        }
      }
      const columns = this.columns;
      for (let c = 0; c < columns.length; c++) {
        const col = columns[c];
        const value = row.number(col.index);
        if (value !== undefined) {
          out.add(col.name, step, value, wallTime);
        }
      }
    }
    const errors = chunk.errors;
    if (badSteps > 0) {
      errors.push({
        code: 'bad-step',
        message: `${this.path}: ${badSteps} row(s) have a step cell that is not a number`,
        file: this.path,
      });
    }
    return { reset: chunk.reset, errors, rows };
  }

  private useHeader(header: string[]): void {
    const names = this.options.columns ?? header;
    this.stepIndex = this.options.stepColumn(names);
    const timeName = this.options.wallTime?.column;
    this.timeIndex = timeName === undefined ? -1 : names.indexOf(timeName);
    this.columns = [];
    this.width = 0;
    this.addColumns(names, 0);
  }

  private nameExtraColumns(width: number): void {
    const names: string[] = [];
    for (let i = this.width; i < width; i++) {
      names.push(`col${i}`);
    }
    this.addColumns(names, this.width);
  }

  private addColumns(names: string[], offset: number): void {
    this.width = Math.max(this.width, offset + names.length);
    const byName = new Map<string, Column>(this.columns.map((c) => [c.name, c]));
    names.forEach((column, i) => {
      const index = offset + i;
      if (index === this.stepIndex || index === this.timeIndex) {
        return;
      }
      const name = this.options.seriesName ? this.options.seriesName(column) : column.trim() || undefined;
      if (name === undefined) {
        return;
      }
      // Python's DictReader keeps the last of two columns with one name.
      byName.set(name, { index, name });
    });
    this.columns = [...byName.values()];
  }
}

/** Step column by name: the first of `names` present in the header, else ROW_INDEX. */
export function stepByName(header: string[], names: readonly string[]): number {
  for (const name of names) {
    const i = header.indexOf(name);
    if (i >= 0) {
      return i;
    }
  }
  return ROW_INDEX;
}
