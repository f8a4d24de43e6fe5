// Folders discovery never walks into: package managers, VCS, virtual envs, caches.
import path from 'node:path';

export const DEFAULT_EXCLUDED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  'env',
  '.env',
  '.conda',
  '__pycache__',
  '.cache',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  'site-packages',
  '.ipynb_checkpoints',
  '.vscode-test',
  '.idea',
  '.dvc',
  '.trash',
]);

/** Builds a predicate from exact folder names plus simple globs (`**\/name`, `**\/name/**`, `name`). */
export function makeExcluder(extraGlobs: string[] = []): (absPath: string) => boolean {
  const names = new Set(DEFAULT_EXCLUDED_DIRS);
  const suffixes: string[] = [];
  for (const glob of extraGlobs) {
    const cleaned = glob.replace(/^\*\*\//, '').replace(/\/\*\*$/, '');
    if (!cleaned.includes('*') && !cleaned.includes('/')) {
      names.add(cleaned);
    } else if (!cleaned.includes('*')) {
      suffixes.push(`/${cleaned}`);
    }
  }
  return (absPath) => names.has(path.basename(absPath)) || suffixes.some((s) => absPath.endsWith(s));
}
