// What the notification says when a launched run ends: its status, exit code and key metric, and
// whether it offers "Open" (only when its run folder was found). Nothing when the user stopped it.

export interface EndNoticeInput {
  phase: string;
  /** The run's name, else the launch's. */
  name: string;
  exitCode?: number;
  /** e.g. "val_loss 0.123", or '' when the run has no key metric (or no run was found). */
  metric: string;
  /** Set when no run folder appeared: where it was looked for. */
  missingUnder?: readonly string[];
}

export interface EndNotice {
  severity: 'error' | 'info';
  text: string;
  actions: string[];
}

export function endNotice(input: EndNoticeInput): EndNotice | undefined {
  if (input.phase === 'stopped') {
    return undefined; // the user asked for it
  }
  const tail = input.metric ? ` — ${input.metric}` : '';
  const where = input.missingUnder ? ` No run folder appeared under ${input.missingUnder.join(', ')}.` : '';
  const actions = input.missingUnder ? [] : ['Open'];
  return input.phase === 'failed'
    ? {
        severity: 'error',
        text: `Runboard: run "${input.name}" failed (exit code ${input.exitCode ?? 'unknown'})${tail}.${where}`,
        actions,
      }
    : { severity: 'info', text: `Runboard: run "${input.name}" finished${tail}.${where}`, actions };
}
