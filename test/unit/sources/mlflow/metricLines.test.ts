// The MLflow metric-line parser: three-field and legacy two-field lines, Python float spellings,
// CRLF, a kept partial line, and garbage lines named by number.
import assert from 'node:assert/strict';
import { MetricLineParser, parseValue, type BadLine } from '../../../../src/core/sources/mlflow/metricLines';

const enc = (s: string) => new TextEncoder().encode(s);

describe('mlflow: metric lines', function () {
  it('parses "<ts> <value> <step>", legacy "<ts> <value>" (step 0), and Python float spellings', function () {
    const parser = new MetricLineParser();
    const bad: BadLine[] = [];
    const batch = parser.push(enc('1000 0.5 3\n2000 1e-05 4\r\n3000 nan 5\n4000 inf 6\n5000 -inf 7\n6000 2.5\n'), (b) =>
      bad.push(b),
    );
    assert.deepEqual(bad, []);
    assert.deepEqual([...batch.steps], [3, 4, 5, 6, 7, 0]);
    const v = [...batch.values];
    assert.deepEqual([v[0], v[1], v[3], v[4], v[5]], [0.5, 1e-5, Infinity, -Infinity, 2.5]);
    assert.ok(Number.isNaN(v[2]));
    assert.deepEqual([...batch.wallTimes], [1, 2, 3, 4, 5, 6]);
  });

  it('keeps a partial last line until its newline arrives, even split inside a number', function () {
    const parser = new MetricLineParser();
    const noBad = () => assert.fail('no bad line expected');
    assert.equal(parser.push(enc('1000 0.5 1\n2000 0.'), noBad).steps.length, 1);
    assert.equal(parser.partial, '2000 0.');
    assert.equal(parser.push(enc('25 1'), noBad).steps.length, 0);
    const batch = parser.push(enc('2\n'), noBad);
    assert.deepEqual([...batch.steps], [12]);
    assert.deepEqual([...batch.values], [0.25]);
  });

  it('names garbage lines by number and reads the others', function () {
    const parser = new MetricLineParser();
    const bad: BadLine[] = [];
    const text = '1000 1 1\ngarbage\n1000 abc 2\nx 1 3\n1000 1 y\n\n1000 2 6\n1000 3 7\n';
    const batch = parser.push(enc(text), (b) => bad.push(b));
    assert.deepEqual(
      bad.map((b) => b.lineNo),
      [2, 3, 4, 5],
    );
    assert.deepEqual([...batch.steps], [1, 6, 7]);
    const more = parser.push(enc('oops\n'), (b) => bad.push(b));
    assert.equal(more.steps.length, 0);
    assert.equal(bad[4].lineNo, 9);
  });

  it('parseValue: numbers and every spelling Python float() takes, undefined for text', function () {
    assert.equal(parseValue('-0.5'), -0.5);
    assert.equal(parseValue('Infinity'), Infinity);
    assert.ok(Number.isNaN(parseValue('NaN')));
    // What Python's float() (MLflow's own reader) also takes.
    assert.ok(Number.isNaN(parseValue('+nan')));
    assert.equal(parseValue('+infinity'), Infinity);
    assert.equal(parseValue('-Inf'), -Infinity);
    assert.equal(parseValue('hello'), undefined);
    assert.equal(parseValue(''), undefined);
  });

  it('the byte-level fast paths agree exactly with Number() (bounded random values of every shape)', function () {
    let seed = 3;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const shapes = [
      () => rand(),
      () => Math.fround(rand() * 100),
      () => -rand() * 1e-7,
      () => Math.round(rand() * 1e6),
      () => rand() * 1e22,
      () => Number((rand() * 10).toFixed(3)),
      () => rand() * 1e-300,
      () => -Math.fround(rand()),
    ];
    const texts = Array.from({ length: 20_000 }, (_, i) => String(shapes[i % shapes.length]()));
    texts.push('-0.0', '.5', '1.', '0', '-1e-05', '1E+22', '123456789012345678');
    const lines = texts.map((v, i) => `${1700000000000 + i} ${v} ${i}\n`).join('');
    const batch = new MetricLineParser().push(enc(lines), (b) => assert.fail(`bad line ${b.lineNo}: ${b.text}`));
    assert.equal(batch.values.length, texts.length);
    texts.forEach((t, i) => {
      assert.ok(Object.is(batch.values[i], Number(t)), `${t} → ${batch.values[i]}`);
      assert.equal(batch.steps[i], i);
      assert.equal(batch.wallTimes[i], (1700000000000 + i) / 1000);
    });
  });
});
