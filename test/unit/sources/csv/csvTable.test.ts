import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CsvTableTail, parseNumber, scanRecords, scanWhitespaceRecords } from '../../../../src/core/util/csvTable';
import { append, csv, put, tempDir } from './writers';

function scan(text: string, sep = ','): { rows: string[][]; rest: string } {
  const rows: string[][] = [];
  const end = scanRecords(text, sep, rows);
  return { rows, rest: text.slice(end) };
}

describe('csvTable: record scanner', () => {
  it('splits plain records, CRLF and LF, and keeps an incomplete last line', () => {
    const { rows, rest } = scan('a,b\r\n1,2\n3,4\r\n5,');
    assert.deepEqual(rows, [
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.equal(rest, '5,');
  });

  it('reads quoted fields with commas, doubled quotes and newlines (Python csv semantics)', () => {
    const text = csv([
      ['epoch', 'note', 'v'],
      [0, 'a,b', 1],
      [1, 'say "hi"', 2],
      [2, 'line1\nline2', 3],
      [3, '[0.1, 0.2]', 4],
    ]);
    const { rows, rest } = scan(text);
    assert.equal(rest, '');
    assert.deepEqual(rows[1], ['0', 'a,b', '1']);
    assert.deepEqual(rows[2], ['1', 'say "hi"', '2']);
    assert.deepEqual(rows[3], ['2', 'line1\nline2', '3']);
    assert.deepEqual(rows[4], ['3', '[0.1, 0.2]', '4']);
  });

  it('waits when a quoted field is cut at the chunk end (inside the quotes or right after the closing one)', () => {
    assert.deepEqual(scan('x,"a\nb').rows, []);
    assert.deepEqual(scan('x,"ab"').rows, []);
    const { rows, rest } = scan('1,2\nx,"a\nb');
    assert.deepEqual(rows, [['1', '2']]);
    assert.equal(rest, 'x,"a\nb');
    assert.deepEqual(scan(rest + '",3\n').rows, [['x', 'a\nb', '3']]);
  });

  it('keeps a quote inside an unquoted field literally and skips blank lines', () => {
    assert.deepEqual(scan('a"b,c\n\n\r\nd,e\n').rows, [
      ['a"b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('splits tabs (TSV) and whitespace-aligned columns', () => {
    assert.deepEqual(scan('step\tloss\n0\t0.5\n', '\t').rows, [
      ['step', 'loss'],
      ['0', '0.5'],
    ]);
    const rows: string[][] = [];
    const end = scanWhitespaceRecords('     0/2     5.12G    0.1256\n  1/2  5.1G  0.12', rows);
    assert.deepEqual(rows, [['0/2', '5.12G', '0.1256']]);
    assert.equal(end, 29);
  });
});

describe('csvTable: parseNumber', () => {
  it('parses Python numbers, nan/inf spellings and padded cells; empty and NA are no point', () => {
    assert.equal(parseNumber('0.5'), 0.5);
    assert.equal(parseNumber('   1.5e-3'), 0.0015);
    assert.equal(parseNumber('0'), 0);
    assert.equal(parseNumber('-0'), -0);
    for (const s of ['nan', 'NaN', ' nan', '-nan']) {
      assert.ok(Number.isNaN(parseNumber(s)), s);
    }
    for (const s of ['inf', 'Infinity', '+inf', ' inf ']) {
      assert.equal(parseNumber(s), Infinity, s);
    }
    for (const s of ['-inf', '-Infinity']) {
      assert.equal(parseNumber(s), -Infinity, s);
    }
    for (const s of ['', '   ', 'NA', 'None', 'abc', '[1, 2]', '2020-02-03 16:42:19']) {
      assert.equal(parseNumber(s), undefined, s);
    }
  });
});

describe('csvTable: CsvTableTail', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses the header once (trimmed, BOM removed) and returns only appended rows', async () => {
    const file = put(dir, 'a.csv', '\uFEFF   epoch,  train/loss\n      0,    1.5\n');
    const t = new CsvTableTail(file);
    const c1 = await t.read();
    assert.deepEqual(c1.header, ['epoch', 'train/loss']);
    assert.deepEqual(c1.rows, [['      0', '    1.5']]);
    append(file, '1,2\n');
    const c2 = await t.read();
    assert.equal(c2.header, undefined);
    assert.equal(c2.reset, false);
    assert.deepEqual(c2.rows, [['1', '2']]);
  });

  it('keeps half a line until the rest arrives', async () => {
    const file = put(dir, 'a.csv', 'step,loss\n0,0.5\n1,0.');
    const t = new CsvTableTail(file);
    assert.deepEqual((await t.read()).rows, [['0', '0.5']]);
    append(file, '25\n2,0.125\n');
    assert.deepEqual((await t.read()).rows, [
      ['1', '0.25'],
      ['2', '0.125'],
    ]);
  });

  it('takes an unterminated last line as complete once the file stops growing, and starts over if it goes on', async () => {
    const file = put(dir, 'a.csv', 'step,loss\n0,0.5\n1,0.2');
    const t = new CsvTableTail(file);
    assert.deepEqual((await t.read()).rows, [['0', '0.5']]);
    const idle = await t.read();
    assert.deepEqual(idle.rows, [['1', '0.2']]);
    append(file, '5\n');
    const again = await t.read();
    assert.equal(again.reset, true);
    assert.deepEqual(again.rows, [
      ['0', '0.5'],
      ['1', '0.25'],
    ]);
    // A newline completing a settled line is not a reset.
    append(file, '2,0.1');
    await t.read();
    assert.deepEqual((await t.read()).rows, [['2', '0.1']]);
    append(file, '\n3,0.05\n');
    const next = await t.read();
    assert.equal(next.reset, false);
    assert.deepEqual(next.rows, [['3', '0.05']]);
  });

  it('notices a rewrite with a new header (same inode, grown file) and re-reads everything', async () => {
    const file = put(dir, 'metrics.csv', 'epoch,loss,step\n0,0.5,0\n');
    const t = new CsvTableTail(file);
    await t.read();
    const fd = fs.openSync(file, 'r+'); // in place, as Lightning's open(..., "w") does
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, 'epoch,loss,step,val\n0,0.5,0,\n0,,9,0.7\n', 0);
    fs.closeSync(fd);
    const c = await t.read();
    assert.equal(c.reset, true);
    assert.deepEqual(c.header, ['epoch', 'loss', 'step', 'val']);
    assert.deepEqual(c.rows, [
      ['0', '0.5', '0', ''],
      ['0', '', '9', '0.7'],
    ]);
  });

  it('notices truncation and re-reads from the start', async () => {
    const file = put(dir, 'a.csv', 'epoch,loss\n0,1\n1,2\n2,3\n');
    const t = new CsvTableTail(file);
    await t.read();
    fs.writeFileSync(file, 'epoch,loss\n0,9\n');
    const c = await t.read();
    assert.equal(c.reset, true);
    assert.deepEqual(c.rows, [['0', '9']]);
  });

  it('names header-only and blank files, and a missing file is simply no data', async () => {
    const missing = new CsvTableTail(path.join(dir, 'none.csv'));
    assert.deepEqual(await missing.read(), { reset: false, rows: [], errors: [] });
    const headerOnly = new CsvTableTail(put(dir, 'h.csv', 'epoch,loss\n'));
    const h1 = await headerOnly.read();
    assert.deepEqual(h1.header, ['epoch', 'loss']);
    const h2 = await headerOnly.read();
    assert.deepEqual(
      h2.errors.map((e) => e.code),
      ['header-only'],
    );
    assert.deepEqual((await headerOnly.read()).errors, [], 'reported once');
    const blank = new CsvTableTail(put(dir, 'b.csv', '\n'));
    await blank.read();
    assert.deepEqual(
      (await blank.read()).errors.map((e) => e.code),
      ['no-header'],
    );
    const empty = new CsvTableTail(put(dir, 'e.csv', ''));
    assert.deepEqual((await empty.read()).errors, []);
    assert.deepEqual((await empty.read()).errors, []);
  });

  it('names ragged rows and non-UTF-8 bytes but still returns the rows', async () => {
    const file = put(dir, 'r.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
    const c = await new CsvTableTail(file).read();
    assert.equal(c.rows.length, 3);
    assert.deepEqual(
      c.errors.map((e) => e.code),
      ['ragged-row'],
    );
    assert.match(c.errors[0].message, /2 row\(s\).*first: data row 2/);
    const bad = put(
      dir,
      'u.csv',
      Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n2,3\n')]),
    );
    const u = await new CsvTableTail(bad).read();
    assert.deepEqual(
      u.errors.map((e) => e.code),
      ['invalid-utf8'],
    );
    assert.deepEqual(u.rows[1], ['2', '3']);
  });

  it('keeps a multi-byte character split across two reads', async () => {
    const file = put(dir, 'm.csv', Buffer.concat([Buffer.from('step,é'), Buffer.from('λ').subarray(0, 1)]));
    const t = new CsvTableTail(file);
    await t.read();
    fs.appendFileSync(file, Buffer.concat([Buffer.from('λ').subarray(1), Buffer.from('\n0,1\n')]));
    const c = await t.read();
    assert.deepEqual(c.header, ['step', 'éλ']);
    assert.equal(c.errors.length, 0);
  });

  it('reads quoted newlines in a growing file', async () => {
    const file = put(dir, 'q.csv', 'epoch,note\n0,"a\n');
    const t = new CsvTableTail(file);
    assert.deepEqual((await t.read()).rows, []);
    append(file, 'b"\n');
    assert.deepEqual((await t.read()).rows, [['0', 'a\nb']]);
  });

  it('reads a headerless whitespace table', async () => {
    const file = put(dir, 'results.txt', '  0/2  5.12G  0.1\n  1/2  5.1G  0.2\n');
    const c = await new CsvTableTail(file, { whitespace: true, noHeader: true }).read();
    assert.deepEqual(c.header, []);
    assert.deepEqual(c.rows, [
      ['0/2', '5.12G', '0.1'],
      ['1/2', '5.1G', '0.2'],
    ]);
  });
});

describe('csvTable: bounded fuzz (quoted cells, CRLF, multi-byte, random growth)', () => {
  let dir: string;
  before(() => {
    dir = tempDir();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('150 random tables written in random slices read back cell for cell', async () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const pieces = ['a', '1.5', ',', '"', '\n', '\r\n', 'é', 'λ', ' ', 'nan', ''];
    for (let c = 0; c < 150; c++) {
      const width = 2 + rand(4);
      const rows: string[][] = [];
      for (let r = 0; r < 1 + rand(20); r++) {
        const row: string[] = [];
        for (let k = 0; k < width; k++) {
          let cellText = '';
          for (let p = rand(4); p > 0; p--) {
            cellText += pieces[rand(pieces.length)];
          }
          row.push(cellText);
        }
        rows.push(row);
      }
      const header = Array.from({ length: width }, (_, i) => `c${i}`);
      const bytes = Buffer.from(csv([header, ...rows], rand(2) ? '\r\n' : '\n'));
      const file = path.join(dir, `f${c}.csv`);
      fs.writeFileSync(file, '');
      const table = new CsvTableTail(file);
      let got: string[][] = [];
      for (let at = 0; at < bytes.length;) {
        const next = Math.min(bytes.length, at + 1 + rand(40));
        fs.appendFileSync(file, bytes.subarray(at, next));
        at = next;
        const chunk = await table.read();
        if (chunk.reset) {
          got = [];
        }
        got.push(...chunk.rows);
        assert.deepEqual(
          chunk.errors.map((e) => e.code),
          [],
          `case ${c}`,
        );
      }
      assert.deepEqual(table.header, header, `case ${c}`);
      assert.deepEqual(got, rows, `case ${c}`);
    }
  });
});
