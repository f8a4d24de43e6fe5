import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readRunOnce } from '../../../../src/core/runs/readOnce';
import { csvFormat, looksLikeMetricCsv } from '../../../../src/core/sources/csv/format';
import { detectIn, put, tempDir } from './writers';

describe('generic CSV', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes CSVs with a numeric step-like column, or log-named all-numeric ones; not data sets', () => {
    assert.equal(looksLikeMetricCsv('x.csv', 'step,loss', '0,1.5'), true);
    assert.equal(looksLikeMetricCsv('x.csv', 'iteration,loss,lr', '10,1.5,'), true);
    assert.equal(looksLikeMetricCsv('x.csv', 'global_step,loss', undefined), true, 'header only (live)');
    assert.equal(looksLikeMetricCsv('train.csv', 'id,sepal_length,species', '1,5.1,setosa'), false);
    assert.equal(looksLikeMetricCsv('train.csv', 'a,b', '1,2'), false);
    assert.equal(looksLikeMetricCsv('loss_log.csv', 'a,b', '1,2'), true);
    assert.equal(looksLikeMetricCsv('loss_log.csv', 'a,b', '1,x'), false);
    assert.equal(looksLikeMetricCsv('x.csv', 'step,name', '0,abc'), false, 'no numeric value column');
    assert.equal(looksLikeMetricCsv('x.csv', 'step', '0'), false);
    assert.equal(looksLikeMetricCsv('x.csv', '', undefined), false);
  });

  it('detects per file, skipping Keras files, and reads step > epoch > iteration > row index', async () => {
    put(dir, 'a.csv', 'iteration,epoch,step,loss\n5,0,50,1\n6,0,60,0.5\n');
    put(dir, 'b.csv', 'iter,loss\n10,1\n20,2\n');
    put(dir, 'metrics_log.csv', 'loss,acc\n1,0.5\n0.5,0.7\n');
    put(dir, 'keras.csv', 'epoch,loss\n0,1\n');
    put(dir, 'dataset.csv', 'id,text\n1,hello\n');
    const d = (await detectIn(csvFormat, dir))!;
    assert.deepEqual(d.claimedFiles, ['a.csv', 'b.csv', 'metrics_log.csv']);
    const read = async (name: string) =>
      readRunOnce(
        csvFormat,
        d.runs.find((r) => r.file === path.join(dir, name))!,
      );
    const a = await read('a.csv');
    assert.deepEqual([...a.series.get('loss')!.steps], [50, 60]);
    assert.deepEqual([...a.series.get('iteration')!.values], [5, 6]);
    assert.deepEqual([...(await read('b.csv')).series.get('loss')!.steps], [10, 20]);
    const m = await read('metrics_log.csv');
    assert.deepEqual([...m.series.get('acc')!.steps], [0, 1]);
    assert.equal(m.id, `csv:${path.join(dir, 'metrics_log.csv')}`);
  });

  it('reads quoted header names and tab-separated files', async () => {
    put(dir, 'run.csv', 'step\t"val/loss, smoothed"\n0\t1.5\n1\t-inf\n');
    const d = (await detectIn(csvFormat, dir))!;
    const s = await readRunOnce(csvFormat, d.runs[0]);
    assert.deepEqual([...s.series.get('val/loss, smoothed')!.values], [1.5, -Infinity]);
  });
});
