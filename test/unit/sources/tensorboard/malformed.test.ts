import assert from 'node:assert/strict';
import fs from 'node:fs';
import { RunState } from '../../../../src/core/runs/runState';
import { tensorboardFormat } from '../../../../src/core/sources/tensorboard/format';
import { maskedCrc32c } from '../../../../src/core/util/crc32c';
import { cleanTempDirs, EVENTS, readDir, runOf, tempDir, writeFile } from './helpers';
import { event, eventFile, record, scalarEvents, simpleValue } from './writer';
import { join } from '../../../support/fuzz';

const good = (): Uint8Array => eventFile(scalarEvents('loss', [1, 2, 3]));
const codes = (errors: Array<{ code: string }>): string[] => errors.map((e) => e.code);

describe('tensorboard malformed files', () => {
  after(cleanTempDirs);

  it('bad length CRC: named error, records before it kept, the file stops there', async () => {
    const dir = tempDir();
    const at = good().length;
    // A corrupt length CRC byte on an intact record: only `verify` notices (the record parses).
    const crcOnly = join(good(), record(event({ wallTime: 9, step: 9, values: [simpleValue('loss', 9)] })), good());
    crcOnly[at + 8] ^= 0xff;
    writeFile(dir, EVENTS, crcOnly);
    assert.deepEqual(codes((await readDir(dir)).errors), []);
    const strict = await readDir(dir, { verify: true });
    assert.deepEqual(codes(strict.errors), ['bad-length-crc']);
    assert.match(strict.errors[0].message, new RegExp(`byte ${at}`));
    assert.equal(strict.series.get('loss')?.length, 3);

    // A corrupt length (pointing past the end): named without verify too, never "pending forever".
    const dir2 = tempDir();
    const badLength = join(good(), good());
    new DataView(badLength.buffer).setUint32(at, 0x7fff, true);
    writeFile(dir2, EVENTS, badLength);
    const lax = await readDir(dir2);
    assert.deepEqual(codes(lax.errors), ['bad-length-crc']);
    assert.equal(lax.series.get('loss')?.length, 3);
  });

  it('bad data CRC: caught on parse failure, and with verify on any record', async () => {
    const dir = tempDir();
    const bytes = join(good(), good());
    // Corrupt a bit of the 2nd scalar's float so the event still parses — only `verify` sees it.
    const header = record(event({ wallTime: 1700000000, fileVersion: 'brain.Event:2' })).length;
    const scalarRecord = (good().length - header) / 3;
    const at = header + 2 * scalarRecord - 4 - 2;
    bytes[at] ^= 0x01;
    writeFile(dir, EVENTS, bytes);
    const lax = await readDir(dir);
    assert.deepEqual(codes(lax.errors), []);
    assert.equal(lax.series.get('loss')?.length, 6);
    const strict = await readDir(dir, { verify: true });
    assert.deepEqual(codes(strict.errors), ['crc-mismatch']);
    assert.equal(strict.series.get('loss')?.length, 1);

    // A corruption that breaks the protobuf is caught without verify too.
    const dir2 = tempDir();
    const broken = join(good());
    const lastStart = broken.length - (good().length - header) / 3;
    broken[lastStart + 12] = 0x0f; // first key of the last event: wire type 7 does not exist
    writeFile(dir2, EVENTS, broken);
    const state = await readDir(dir2);
    assert.deepEqual(codes(state.errors), ['crc-mismatch']);
    assert.equal(state.series.get('loss')?.length, 2);
  });

  it('a record with a valid CRC that is not an Event is skipped with a named error', async () => {
    const dir = tempDir();
    const junk = record(Uint8Array.from([0xff, 0xff, 0xff]));
    writeFile(
      dir,
      EVENTS,
      join(good(), junk, record(event({ wallTime: 1, step: 7, values: [simpleValue('loss', 7)] }))),
    );
    const state = await readDir(dir);
    assert.deepEqual(codes(state.errors), ['bad-event']);
    assert.equal(state.series.get('loss')?.length, 4);
  });

  it('length beyond any sane bound: error and stop; a partial last record is only pending', async () => {
    const dir = tempDir();
    const huge = new Uint8Array(12);
    const dv = new DataView(huge.buffer);
    dv.setUint32(0, 0, true);
    dv.setUint32(4, 7, true); // 7 * 2^32 bytes
    dv.setUint32(8, maskedCrc32c(huge, 0, 8), true);
    writeFile(dir, EVENTS, join(good(), huge, new Uint8Array(100)));
    const state = await readDir(dir);
    assert.deepEqual(codes(state.errors), ['record-too-large']);
    assert.equal(state.series.get('loss')?.length, 3);

    const dir2 = tempDir();
    const last = record(event({ wallTime: 1, step: 5, values: [simpleValue('loss', 5)] }));
    writeFile(dir2, EVENTS, join(good(), last.subarray(0, last.length - 3)));
    const pending = await readDir(dir2);
    assert.deepEqual(codes(pending.errors), [], 'a file written just now may be mid-flush');
    assert.equal(pending.series.get('loss')?.length, 3);
    // Left alone (a killed writer, a copy cut short): the cut record is named; the points before it stay.
    const quiet = await readDir(dir2, { quietMs: 0 });
    assert.deepEqual(codes(quiet.errors), ['truncated-record']);
    assert.match(quiet.errors[0].message, /ends inside a record/);
    assert.equal(quiet.series.get('loss')?.length, 3);
  });

  it('Git LFS pointer named like an event file: lfs-pointer error', async () => {
    const dir = tempDir();
    writeFile(dir, EVENTS, 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n');
    const state = await readDir(dir);
    assert.deepEqual(codes(state.errors), ['lfs-pointer']);
    assert.equal(state.series.size, 0);
  });

  it('empty and header-only files: no series, no error while fresh (a writer that has not flushed yet); header-only once quiet', async () => {
    const dir = tempDir();
    writeFile(dir, EVENTS, new Uint8Array(0));
    writeFile(dir, 'events.out.tfevents.1700000001.host.1.0', eventFile([]));
    const state = await readDir(dir);
    assert.deepEqual(codes(state.errors), []);
    assert.equal(state.series.size, 0);
    assert.equal(state.startTime, 1700000000);
    // Left alone, the header-only file is named (the writer died before its first flush); the profiler's
    // header-only `.profile-empty` marker is not.
    writeFile(dir, 'events.out.tfevents.1700000002.host.profile-empty', eventFile([]));
    const quiet = await readDir(dir, { quietMs: 0 });
    assert.deepEqual(codes(quiet.errors), ['header-only']);
    assert.match(quiet.errors[0].file ?? '', /1700000001/);
  });

  it('a header-only file that gets data after all loses its header-only error (the run is read again)', async () => {
    const dir = tempDir();
    const file = writeFile(dir, EVENTS, eventFile([]));
    const run = runOf(dir);
    const reader = tensorboardFormat.createReader(run, { quietMs: 0 });
    const state = new RunState(run);
    state.apply(await reader.poll());
    assert.deepEqual(codes(state.errors), ['header-only']);
    fs.appendFileSync(file, join(...scalarEvents('loss', [1, 0.5]).map(record)));
    state.apply(await reader.poll());
    assert.deepEqual(codes(state.errors), []);
    assert.equal(state.series.get('loss')?.length, 2);
  });

  it('random garbage: one named error, no throw', async () => {
    const dir = tempDir();
    const garbage = new Uint8Array(5000);
    for (let i = 0; i < garbage.length; i++) {
      garbage[i] = (i * 7919 + 13) & 0xff;
    }
    writeFile(dir, EVENTS, garbage);
    writeFile(dir, 'events.out.tfevents.1700000001.host.1.0', good());
    const state = await readDir(dir);
    assert.deepEqual(codes(state.errors), ['bad-length-crc']);
    assert.equal(state.series.get('loss')?.length, 3, 'the other file still loads');
  });
});
