// Links a launched process to the run folder it produces. A launch waits for either a run that appears
// under its `runsDir` folders after the launch, or a run already known there whose files grow after the
// launch (and that was not live when it started: that one belongs to someone else). A run whose path
// holds the launch's RUNBOARD_RUN_NAME/RUNBOARD_RUN_ID goes to that launch; otherwise the oldest waiting
// launch takes it. Pure logic: the extension feeds it store events.
import path from 'node:path';

export interface PendingLaunch {
  launchId: string;
  /** Absolute folders under which its run is expected. */
  runsDirs: string[];
  /** ms since the epoch. */
  launchedAt: number;
  /** Runs in the store at launch time: their appearance is not news. */
  knownRunIds: ReadonlySet<string>;
  /** Runs that were live at launch time: their growth is someone else's. */
  liveRunIds: ReadonlySet<string>;
  /** RUNBOARD_RUN_NAME and RUNBOARD_RUN_ID as exported to the process. */
  runName: string;
  runToken: string;
  /**
   * Only take a run whose path names this launch (a launch restored after a reload: which runs are
   * new to it is no longer known).
   */
  nameOnly?: boolean;
}

/** What the linker needs to know of a run. */
export interface RunRef {
  id: string;
  dir: string;
  file?: string;
}

export class RunLinker {
  private pending: PendingLaunch[] = [];
  private readonly linkedRuns = new Set<string>();

  /** Starts waiting for this launch's run. */
  expect(launch: PendingLaunch): void {
    this.pending.push(launch);
  }

  /** Stops waiting (the launch ended or was stopped before any run appeared). */
  cancel(launchId: string): void {
    this.pending = this.pending.filter((p) => p.launchId !== launchId);
  }

  get waiting(): readonly PendingLaunch[] {
    return this.pending;
  }

  /** A run was added to the store. Returns the launch it belongs to, if any (and links them). */
  runAdded(run: RunRef): string | undefined {
    return this.link(run, (p) => !p.knownRunIds.has(run.id));
  }

  /** A run gained data at `atMs`. Returns the launch it belongs to, if any (and links them). */
  runGrew(run: RunRef, atMs: number): string | undefined {
    return this.link(run, (p) => atMs >= p.launchedAt && !p.liveRunIds.has(run.id));
  }

  /** Forgets a run (removed from the store), so a later run at the same path can be linked again. */
  forgetRun(runId: string): void {
    this.linkedRuns.delete(runId);
  }

  private link(run: RunRef, eligible: (p: PendingLaunch) => boolean): string | undefined {
    if (this.linkedRuns.has(run.id)) {
      return undefined;
    }
    const where = run.file ?? run.dir;
    const named = (p: PendingLaunch) => mentions(where, p.runName) || mentions(where, p.runToken);
    // A restored launch knows only its name: the run that names it is its own, even if it was known
    // or live already when the window came back.
    const candidates = this.pending.filter(
      (p) => (p.nameOnly ? named(p) : eligible(p)) && p.runsDirs.some((d) => isInside(where, d)),
    );
    if (candidates.length === 0) {
      return undefined;
    }
    const chosen = candidates.find(named) ?? candidates[0];
    this.linkedRuns.add(run.id);
    this.cancel(chosen.launchId);
    return chosen.launchId;
  }
}

export function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function mentions(p: string, token: string): boolean {
  return token !== '' && p.split(/[\\/]/).some((segment) => segment.includes(token));
}
