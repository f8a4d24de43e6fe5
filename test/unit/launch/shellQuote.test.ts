import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { posixJoin, posixQuote } from '../../../src/core/launch/shellQuote';

/** Words that mean something to a shell: each must come back unchanged. */
const HOSTILE = [
  'plain',
  'a b',
  "it's",
  '"double"',
  '$HOME',
  '${PATH}',
  '`id`',
  '$(echo no)',
  'line1\nline2',
  '',
  '*',
  'back\\slash',
  'tab\there',
  '--name=a b; rm -rf x',
  "''",
  'héllo ✓',
  '!bang',
  '~',
];

/** What a real shell makes of a command line: the words it passes to printf. */
function wordsAfter(shell: string, line: string): string[] {
  const out = execFileSync(shell, ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('POSIX shell quoting', () => {
  it('leaves safe words alone and single-quotes the rest', () => {
    assert.equal(posixQuote('lr=0.1'), 'lr=0.1');
    assert.equal(posixQuote('/a/b-c_d.py'), '/a/b-c_d.py');
    assert.equal(posixQuote('a b'), `'a b'`);
    assert.equal(posixQuote("it's"), `'it'\\''s'`);
    assert.equal(posixQuote(''), `''`);
    assert.equal(posixQuote('$x'), `'$x'`);
    assert.equal(posixJoin(['python3', 'my file.py', '-u']), `python3 'my file.py' -u`);
  });

  for (const shell of ['/bin/sh', '/bin/bash', '/bin/dash', '/bin/zsh']) {
    it(`round-trips spaces, quotes, $, backticks and newlines through ${shell}`, function () {
      if (!fs.existsSync(shell)) {
        this.skip();
      }
      assert.deepEqual(wordsAfter(shell, posixJoin(HOSTILE)), HOSTILE);
    });
  }

  it('survives being quoted twice (a command line inside a command line)', function () {
    if (!fs.existsSync('/bin/sh')) {
      this.skip();
    }
    const inner = `printf '%s\\0' ${posixJoin(HOSTILE)}`;
    const out = execFileSync('/bin/sh', ['-c', `/bin/sh -c ${posixQuote(inner)}`], { encoding: 'utf8' });
    assert.deepEqual(out.split('\0').slice(0, -1), HOSTILE);
  });
});
