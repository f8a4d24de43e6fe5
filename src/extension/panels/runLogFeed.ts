// Keeps the dashboard's Console current: re-reads the run's log tail when the run changes (at most
// once per LOG_THROTTLE_MS) and, while the run is live, every LOG_POLL_MS (a log can grow while
// nothing else of the run does). Calls back only when the text changed. No vscode.
import type { RunState } from '../../core/runs/runState';
import { RunLogTail, type LogTailText } from './runLogTail';

export const LOG_THROTTLE_MS = 300;
export const LOG_POLL_MS = 2000;

export class RunLogFeed {
  private readonly tail = new RunLogTail();
  private last?: LogTailText;
  private timer?: NodeJS.Timeout;
  private readonly poller: NodeJS.Timeout;
  /** Reads one after the other: the tail keeps a read position. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly run: () => RunState | undefined,
    private readonly onChange: (log: LogTailText) => void,
  ) {
    this.poller = setInterval(() => {
      if (this.run()?.status === 'running') {
        this.schedule();
      }
    }, LOG_POLL_MS);
  }

  /** The tail now (read once more first): what a snapshot carries. */
  async current(): Promise<LogTailText | undefined> {
    const run = this.run();
    this.last = run ? await this.read(run) : undefined;
    return this.last;
  }

  /** The run changed: read again soon. */
  schedule(): void {
    if (this.timer) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, LOG_THROTTLE_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearInterval(this.poller);
  }

  private async refresh(): Promise<void> {
    const run = this.run();
    const next = run ? await this.read(run) : undefined;
    if (next && (next.text !== this.last?.text || next.file !== this.last?.file)) {
      this.last = next;
      this.onChange(next);
    }
  }

  private read(run: RunState): Promise<LogTailText | undefined> {
    const result = this.queue.then(() => this.tail.read(run));
    this.queue = result.catch(() => undefined);
    return result;
  }
}
