// Interns metric names read from bytes: a history row repeats the names of the row before, so a name is
// found by comparing bytes with the name at the same position last time (or by hash), not decoded again.

interface Entry {
  bytes: Uint8Array;
  name: string;
}

/** More distinct names than this and the hash table starts over (bounded memory on odd files). */
const MAX_ENTRIES = 8192;

export class NameCache {
  private readonly byPosition: (Entry | undefined)[] = [];
  private readonly byHash = new Map<number, Entry>();

  /** The UTF-8 text of buf[start, end); `position` is the item's index in its row (the likely match). */
  get(buf: Buffer, start: number, end: number, position: number): string {
    const guess = this.byPosition[position];
    if (guess !== undefined && sameBytes(guess.bytes, buf, start, end)) {
      return guess.name;
    }
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      h = Math.imul(h ^ buf[i], 0x01000193);
    }
    let entry = this.byHash.get(h);
    if (entry === undefined || !sameBytes(entry.bytes, buf, start, end)) {
      if (this.byHash.size >= MAX_ENTRIES) {
        this.byHash.clear();
      }
      // A copy: a view would keep the whole chunk it came from alive.
      entry = { bytes: Uint8Array.prototype.slice.call(buf, start, end), name: buf.toString('utf8', start, end) };
      this.byHash.set(h, entry);
    }
    if (position < 1024) {
      this.byPosition[position] = entry;
    }
    return entry.name;
  }
}

/** True when `a` holds exactly the bytes buf[start, end). */
export function sameBytes(a: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== buf[start + i]) {
      return false;
    }
  }
  return true;
}
