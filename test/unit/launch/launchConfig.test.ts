import assert from 'node:assert/strict';
import { parseJsonc } from '../../../src/core/launch/jsonc';
import { launchTemplate, parseLaunchFile } from '../../../src/core/launch/launchConfig';

describe('launch configurations', () => {
  it('reads JSON with comments and trailing commas, leaving strings alone', () => {
    const text = '{\n // a comment\n "a": "x // not a comment, }", /* block */ "b": [1, 2,],\n}';
    assert.deepEqual(parseJsonc(text), { ok: true, value: { a: 'x // not a comment, }', b: [1, 2] } });
    assert.equal(parseJsonc('{"a": "\\"quoted\\" // still string"}').ok, true);
    const bad = parseJsonc('{"a": ');
    assert.equal(bad.ok, false);
  });

  it('accepts command and program configurations, with runsDir as a string or a list', () => {
    const result = parseLaunchFile(`{
      "configurations": [
        { "name": "cmd", "command": "python train.py", "runsDir": "runs" },
        { "name": "prog", "program": "train.py", "args": ["--lr", "0.1"], "env": { "A": "1" }, "cwd": "sub" },
      ]
    }`);
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    assert.equal(result.file.configurations.length, 2);
    assert.deepEqual(result.file.configurations[0].runsDir, ['runs']);
    assert.deepEqual(result.file.configurations[1].args, ['--lr', '0.1']);
  });

  it('names what is wrong and keeps the good configurations', () => {
    const result = parseLaunchFile(
      JSON.stringify({
        configurations: [
          { name: 'ok', command: 'x' },
          { name: 'both', command: 'x', program: 'y' },
          { name: 'neither' },
          { command: 'x' },
          { name: 'badenv', command: 'x', env: { A: 1 } },
          { name: 'args-with-command', command: 'x', args: ['a'] },
          { name: 'ok', command: 'again' },
          'nope',
        ],
      }),
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.file.configurations.map((c) => c.name),
      ['ok'],
    );
    assert.equal(result.problems.length, 7);
    assert.match(result.problems[0], /"both".*exactly one of "command" or "program"/);
    assert.match(result.problems[2], /#4.*"name"/);
    assert.match(result.problems[5], /used twice/);
  });

  it('rejects a file without a configurations array', () => {
    assert.deepEqual(parseLaunchFile('[]'), {
      ok: false,
      problems: ['expected an object with a "configurations" array'],
    });
    assert.equal(parseLaunchFile('{').ok, false);
  });

  it('writes a template that it can read back', () => {
    const result = parseLaunchFile(launchTemplate());
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    assert.equal(result.file.configurations[0].name, 'train');
  });
});
