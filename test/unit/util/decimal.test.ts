import assert from 'node:assert/strict';
import { parseDecimalBytes, parseDecimalText } from '../../../src/core/util/decimal';
import { pick, rng } from '../../support/fuzz';

/** Both parsers on one string; checks they agree and that a defined result is exactly Number(text). */
function parse(text: string, allowPlus = true): number | undefined {
  const bytes = Buffer.from(text);
  const fromBytes = parseDecimalBytes(bytes, 0, bytes.length, allowPlus);
  const fromText = parseDecimalText(text, 0, text.length, allowPlus);
  assert.ok(Object.is(fromBytes, fromText), `${text}: bytes ${fromBytes}, text ${fromText}`);
  if (fromBytes !== undefined) {
    assert.ok(Object.is(fromBytes, Number(text)), `${text}: ${fromBytes}, Number gives ${Number(text)}`);
  }
  return fromBytes;
}

describe('decimal: exact number parsing without strings', () => {
  it('parses plain decimals exactly as Number() does', () => {
    for (const s of ['0', '-0', '00012', '5.', '.5', '-.5', '+1.5', '1e22', '1E-5', '9007199254740993', '0.1']) {
      assert.notEqual(parse(s), undefined, s);
    }
    assert.ok(Object.is(parse('-0.0'), -0));
    assert.equal(parse('0.36787944117144233'), 0.36787944117144233);
    assert.equal(parse('1700000001.23'), 1700000001.23);
  });

  it('leaves what it cannot convert exactly (or is not a plain decimal) to the caller', () => {
    for (const s of ['', '-', '.', '1e', '1e+', 'e5', '1.2.3', ' 1', '1 ', '0x10', 'NaN', 'inf', '1_0', '1e400']) {
      assert.equal(parse(s), undefined, s);
    }
    assert.equal(parse('123456789012345678'), undefined, 'more than 17 significant digits');
    assert.equal(parse('1.5e-300'), undefined, 'outside the exact powers of ten');
    assert.equal(parse('+1', false), undefined, 'a leading + only where allowed');
  });

  it('agrees with Number() on 160k random spellings in their usual spellings', () => {
    const rand = rng(42);
    const f64 = new Float64Array(1);
    const u32 = new Uint32Array(f64.buffer);
    let handled = 0;
    for (let i = 0; i < 20_000; i++) {
      u32[0] = pick(rand, 2 ** 32);
      u32[1] = pick(rand, 2 ** 32);
      const y = rand() * 10 ** (pick(rand, 14) - 9);
      const spellings = [
        String(y),
        y.toPrecision(17),
        y.toPrecision(16),
        y.toExponential(16),
        y.toFixed(pick(rand, 18)),
      ];
      if (Number.isFinite(f64[0])) {
        spellings.push(String(f64[0]), f64[0].toPrecision(17));
      }
      let digits = '';
      for (let k = 1 + pick(rand, 19); k > 0; k--) {
        digits += String(pick(rand, 10));
      }
      const point = pick(rand, digits.length + 1);
      spellings.push(`${digits.slice(0, point)}.${digits.slice(point)}e-${pick(rand, 25)}`);
      for (const s of spellings) {
        if (parse(s) !== undefined) {
          handled++;
        }
      }
    }
    assert.ok(handled > 80_000, `only ${handled} handled`);
  });
});
