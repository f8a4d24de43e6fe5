// Small statistics helpers for the benchmarks.

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))];
}

export function median(xs: number[]): number {
  return percentile(xs, 0.5);
}

export function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}
