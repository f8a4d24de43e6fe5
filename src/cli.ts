// `runboard` — the same readers as the extension, from a terminal (e.g. over SSH on the GPU box).
//   runboard scan <dir...> [--json] [--verify]       every run found, with a summary of each series
//   runboard export <run dir|file> --format csv|json [--out FILE] [--histograms]
//   runboard watch <dir...>                          JSON lines as runs appear and grow (Ctrl+C stops)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportCsv, exportJson } from './cli/exportRun';
import { scanToJson } from './cli/scanJson';
import { scanRuns } from './cli/scanRuns';
import { scanTable } from './cli/table';
import { watchRuns } from './cli/watchRuns';

const USAGE = `Usage:
  runboard scan <dir...> [--json] [--verify]
  runboard export <run dir or file> --format csv|json [--out FILE] [--histograms]
      --histograms (JSON only): add every histogram, {tag: [{step, wallTime, buckets: [[left, right, count]]}]}
  runboard watch <dir...>
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      verify: { type: 'boolean', default: false },
      format: { type: 'string' },
      out: { type: 'string' },
      histograms: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const dirs = positionals.map((p) => path.resolve(p));
  const missing = dirs.filter((d) => !fs.existsSync(d));
  if (missing.length) {
    process.stderr.write(`runboard: no such file or folder: ${missing.join(', ')}\n`);
    return 2;
  }
  switch (command) {
    case 'scan': {
      if (dirs.length === 0) {
        return usage('scan needs at least one folder');
      }
      const runs = await scanRuns(dirs, { verify: values.verify });
      process.stdout.write(values.json ? JSON.stringify(scanToJson(runs), null, 1) + '\n' : scanTable(runs));
      return 0;
    }
    case 'export':
      return exportCommand(dirs, values.format, values.out, values.histograms);
    case 'watch': {
      if (dirs.length === 0) {
        return usage('watch needs at least one folder');
      }
      const stop = await watchRuns(dirs, (line) => process.stdout.write(line + '\n'));
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      stop();
      return 0;
    }
    default:
      return usage(`unknown command "${command}"`);
  }
}

async function exportCommand(
  targets: string[],
  format: string | undefined,
  out: string | undefined,
  histograms: boolean,
): Promise<number> {
  if (targets.length !== 1) {
    return usage('export takes one run folder or file');
  }
  if (format !== 'csv' && format !== 'json') {
    return usage('export needs --format csv or --format json');
  }
  if (histograms && format !== 'json') {
    return usage('--histograms needs --format json');
  }
  const target = targets[0];
  const runs = await scanRuns([fs.statSync(target).isDirectory() ? target : path.dirname(target)]);
  const exact = runs.filter((r) => r.dir === target || r.file === target);
  const chosen = exact.length > 0 ? exact : runs;
  if (chosen.length !== 1) {
    process.stderr.write(
      chosen.length === 0
        ? `runboard: no run found at ${target}\n`
        : `runboard: ${chosen.length} runs under ${target}; name one of:\n${chosen.map((r) => `  ${r.file ?? r.dir}`).join('\n')}\n`,
    );
    return 1;
  }
  const text = format === 'csv' ? exportCsv(chosen[0]) : exportJson(chosen[0], { histograms });
  if (out) {
    fs.writeFileSync(out, text);
  } else {
    process.stdout.write(text);
  }
  return 0;
}

function usage(message: string): number {
  process.stderr.write(`runboard: ${message}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`runboard: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
