// Console text for the dashboard: ANSI escape sequences removed, carriage-return progress bars (tqdm)
// collapsed to what a terminal would show last, and only the last lines kept. Pure: no vscode, no I/O.

/** Most lines the Console section shows. */
export const LOG_TAIL_LINES = 400;

// CSI (colours, cursor moves), OSC (titles, links; ended by BEL or ESC \), and the two-byte escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]/g;
// Other C0 controls a terminal would not print (keeps tab, newline, carriage return).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * The text of a console log as a terminal leaves it: escapes stripped, each line's text after its last
 * `\r` (a progress bar's latest state), the last `maxLines` lines.
 */
export function consoleText(raw: string, maxLines = LOG_TAIL_LINES): string {
  const lines = stripAnsi(raw).replace(CONTROLS, '').split('\n');
  const start = Math.max(0, lines.length - maxLines - 1);
  const out: string[] = [];
  for (let i = start; i < lines.length; i++) {
    out.push(lastOverwrite(lines[i]));
  }
  // A final newline leaves an empty last element: not a line of its own.
  if (out.length > 0 && out[out.length - 1] === '') {
    out.pop();
  }
  return out.slice(-maxLines).join('\n');
}

/** The text after the line's last `\r` (a trailing `\r`, as in CRLF, overwrites nothing). */
function lastOverwrite(line: string): string {
  const trimmed = line.replace(/\r+$/, '');
  const cr = trimmed.lastIndexOf('\r');
  return cr < 0 ? trimmed : trimmed.slice(cr + 1);
}
