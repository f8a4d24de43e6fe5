// Splits appended text into complete lines and keeps a partial last line until its newline arrives.

export class LineBuffer {
  private partial = '';
  private readonly decoder = new TextDecoder('utf-8');

  /** Complete lines in `bytes` (plus what was kept), without their `\n` / `\r\n`. */
  push(bytes: Uint8Array): string[] {
    const text = this.partial + this.decoder.decode(bytes, { stream: true });
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  }

  /** The kept partial line (not yet ended by a newline). */
  get pending(): string {
    return this.partial;
  }

  reset(): void {
    this.partial = '';
  }
}
