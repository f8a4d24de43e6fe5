// The dashboard's Console section: the end of the run's log (cleaned by the host), monospace, kept
// scrolled to the bottom as output arrives unless the user scrolled up; a button opens the whole file.
import { el } from '../dom';

export class ConsoleView {
  readonly element: HTMLDetailsElement;
  private readonly pre = el('pre', { class: 'console', attrs: { tabindex: '0', 'aria-label': 'Console output' } });
  private readonly fileLabel = el('span', { class: 'muted console-file' });
  private file?: string;
  /** True while the view is scrolled to the bottom: new output keeps it there. */
  private follow = true;

  constructor(openFile: (path: string) => void) {
    const open = el('button', {
      class: 'icon-button',
      text: 'Open full log',
      attrs: { type: 'button', 'data-action': 'open-log' },
    });
    open.addEventListener('click', (e) => {
      e.preventDefault();
      if (this.file) {
        openFile(this.file);
      }
    });
    this.pre.addEventListener('scroll', () => {
      const p = this.pre;
      this.follow = p.scrollTop + p.clientHeight >= p.scrollHeight - 4;
    });
    this.element = el(
      'details',
      { class: 'section console-section', attrs: { open: '', 'data-section': 'Console' } },
      el('summary', {}, el('span', { text: 'Console' }), ' ', this.fileLabel, ' ', open),
      this.pre,
    );
    this.element.hidden = true;
    this.element.addEventListener('toggle', () => {
      if (this.element.open && this.follow) {
        this.toBottom();
      }
    });
  }

  /** Shows the log's tail (undefined: the run has no log, the section hides). */
  set(text: string | undefined, file: string | undefined): void {
    this.element.hidden = text === undefined;
    this.file = file;
    this.fileLabel.textContent = file ? (file.split(/[\\/]/).pop() ?? '') : '';
    this.fileLabel.title = file ?? '';
    if (this.pre.textContent !== (text ?? '')) {
      this.pre.textContent = text ?? '';
      if (this.follow) {
        this.toBottom();
      }
    }
  }

  private toBottom(): void {
    this.pre.scrollTop = this.pre.scrollHeight;
  }
}
