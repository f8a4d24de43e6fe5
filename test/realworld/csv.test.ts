// The generic CSV reader is conservative: in all of /work/shared/fixtures (which hold many CSVs that are
// Ultralytics, Lightning, Keras or MLflow files) it claims nothing, whatever the detector order.
import assert from 'node:assert/strict';
import path from 'node:path';
import { csvFormat } from '../../src/core/sources/csv/format';
import { requireFixtures } from '../support/fixtures';
import { CSV_FAMILY, discoverCsvFamily } from '../unit/sources/csv/discover';

describe('realworld: generic CSV', function () {
  let root: string;
  before(function () {
    root = requireFixtures(this);
  });

  it('finds no generic CSV run in the fixtures, with the other formats first or alone', async function () {
    const all = await discoverCsvFamily(root);
    assert.deepEqual(
      all.filter((r) => r.format === 'csv').map((r) => path.relative(root, r.file ?? '')),
      [],
    );
    const alone = await discoverCsvFamily(root, [csvFormat]);
    assert.deepEqual(
      alone.map((r) => path.relative(root, r.file ?? '')),
      [],
    );
    const reversed = await discoverCsvFamily(root, [...CSV_FAMILY].reverse());
    assert.deepEqual(reversed.filter((r) => r.format === 'csv').length, 0);
    assert.equal(reversed.length, all.length, 'same runs whatever the order');
  });
});
