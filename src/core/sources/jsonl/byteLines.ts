// Splits appended bytes into complete UTF-8 lines and keeps the unterminated rest as bytes. Same job as
// util/LineBuffer, but decodes each chunk's complete lines in one Buffer.toString (a newline byte never
// sits inside a multi-byte character), which is several times faster than a streaming TextDecoder on
// large chunks.

export class ByteLines {
  private rest: Uint8Array | undefined;

  /** Complete lines (without `\n` / `\r\n`) of the kept rest plus `bytes`. */
  push(bytes: Uint8Array): string[] {
    let data = bytes;
    if (this.rest) {
      data = new Uint8Array(this.rest.length + bytes.length);
      data.set(this.rest, 0);
      data.set(bytes, this.rest.length);
      this.rest = undefined;
    }
    const end = data.lastIndexOf(0x0a);
    if (end < data.length - 1) {
      this.rest = data.slice(end + 1);
    }
    if (end < 0) {
      return [];
    }
    const lines = Buffer.from(data.buffer, data.byteOffset, end).toString('utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.length > 0 && line.charCodeAt(line.length - 1) === 0x0d) {
        lines[i] = line.slice(0, -1);
      }
    }
    return lines;
  }

  /** The unterminated last line, decoded. */
  get pending(): string {
    return this.rest ? Buffer.from(this.rest.buffer, this.rest.byteOffset, this.rest.length).toString('utf8') : '';
  }

  reset(): void {
    this.rest = undefined;
  }
}
