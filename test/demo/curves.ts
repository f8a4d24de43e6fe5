// Deterministic, realistic-looking training curves for demo runs and tests (seeded, no Math.random).

export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

export interface CurveOptions {
  start: number;
  end: number;
  /** How fast it approaches `end` (per step). */
  rate: number;
  noise: number;
}

/** A decaying (or rising) curve with noise: start → end exponentially. */
export function curve(rand: () => number, step: number, o: CurveOptions): number {
  const base = o.end + (o.start - o.end) * Math.exp(-o.rate * step);
  return base + (rand() - 0.5) * 2 * o.noise * Math.abs(o.start - o.end);
}
