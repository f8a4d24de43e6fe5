// Folders discovery never walks into: package managers, VCS, virtual envs, caches.
import path from 'node:path';
import picomatch from 'picomatch';

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

/**
 * Builds a predicate over folder paths from the default names plus globs (`files.watcherExclude` and
 * Runboard's own): a plain name (`data`, `**\/data`, `**\/data/**`) is compared with the folder's name;
 * anything else (`**\/*.egg-info/**`, `**\/runs/tmp_*`) is a picomatch glob, matched anywhere in the path
 * (VS Code's are relative to a workspace folder; we do not know which one the path is under).
 */
export function makeExcluder(extraGlobs: string[] = []): (absPath: string) => boolean {
  const names = new Set(DEFAULT_EXCLUDED_DIRS);
  const globs: picomatch.Matcher[] = [];
  for (const glob of extraGlobs) {
    const cleaned = glob.replace(/^\*\*\//, '').replace(/\/\*\*$/, '');
    if (cleaned && !/[*?[\]{}!/]/.test(cleaned)) {
      names.add(cleaned);
    } else if (cleaned) {
      const anywhere = glob.startsWith('**/') || glob.startsWith('/') ? glob : `**/${glob}`;
      globs.push(picomatch(anywhere, { dot: true, windows: false }));
    }
  }
  return (absPath) => {
    if (names.has(path.basename(absPath))) {
      return true;
    }
    const slashed = absPath.split(path.sep).join('/');
    return globs.some((matches) => matches(slashed));
  };
}
