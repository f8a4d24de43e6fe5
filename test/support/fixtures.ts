// Where the shared real-world fixtures live: $RUNBOARD_FIXTURES, else ../shared/fixtures beside the repo.
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function fixturesRoot(): string | undefined {
  const candidates = [process.env.RUNBOARD_FIXTURES, path.join(repoRoot, '..', 'shared', 'fixtures')];
  return candidates.find((dir): dir is string => !!dir && fs.existsSync(dir));
}

/** Skips the calling suite, saying why, when the shared fixtures are absent. */
export function requireFixtures(ctx: Mocha.Context): string {
  const root = fixturesRoot();
  if (!root) {
    console.warn('  ! shared fixtures not found: set RUNBOARD_FIXTURES or put ../shared/fixtures beside the repo');
    ctx.skip();
  }
  return root as string;
}

export function benchRoot(): string | undefined {
  const dir = process.env.RUNBOARD_BENCH ?? path.join(repoRoot, '..', 'shared', 'bench');
  return fs.existsSync(dir) ? dir : undefined;
}
