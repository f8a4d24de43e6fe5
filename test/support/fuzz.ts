// Shared pieces of the byte-level fuzz tests: a seeded PRNG and the format-independent mutations (bit
// flips, random bytes, truncation, insertion, splices, duplicated and zeroed ranges). Each fuzz test mixes
// them with its format's own mutations (length fields, re-framed records) in a menu for mutate().

export type Rand = () => number;
/** Changes bytes (in place, or returns new ones); the input is already a copy of the seed. */
export type Mutation = (bytes: Uint8Array, rand: Rand) => Uint8Array;

/** mulberry32: small, fast and the same sequence on every machine. */
export function rng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [0, n). */
export function pick(rand: Rand, n: number): number {
  return Math.floor(rand() * n);
}

/** The parts' bytes, one after the other, in a new array. */
export function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Flips 1–8 random bits. */
export const flipBits: Mutation = (b, rand) => {
  if (b.length > 0) {
    for (let i = 0, n = 1 + pick(rand, 8); i < n; i++) {
      b[pick(rand, b.length)] ^= 1 << pick(rand, 8);
    }
  }
  return b;
};

/** Overwrites 1–8 random bytes. */
export const randomBytes: Mutation = (b, rand) => {
  if (b.length > 0) {
    for (let i = 1 + pick(rand, 8); i > 0; i--) {
      b[pick(rand, b.length)] = pick(rand, 256);
    }
  }
  return b;
};

/** Cuts the bytes at a random point. */
export const truncate: Mutation = (b, rand) => b.slice(0, pick(rand, b.length + 1));

/** Inserts 1–maxLength random bytes at a random point. */
export function insertRandom(maxLength: number): Mutation {
  return (b, rand) => {
    const at = pick(rand, b.length + 1);
    const extra = Uint8Array.from({ length: 1 + pick(rand, maxLength) }, () => pick(rand, 256));
    return join(b.subarray(0, at), extra, b.subarray(at));
  };
}

/** Keeps a random head and continues with a random tail of `other`. */
export function spliceWith(other: Uint8Array): Mutation {
  return (b, rand) => {
    const cut = pick(rand, b.length + 1);
    return join(b.subarray(0, cut), other.subarray(pick(rand, other.length + 1)));
  };
}

/** Repeats a random slice of up to maxLength bytes right after itself. */
export function duplicateSlice(maxLength: number): Mutation {
  return (b, rand) => {
    const at = pick(rand, b.length);
    const len = pick(rand, maxLength);
    return join(b.subarray(0, at), b.subarray(at, at + len), b.subarray(at));
  };
}

/** Zeroes 1–maxLength bytes from a random point. */
export function zeroRange(maxLength: number): Mutation {
  return (b, rand) => {
    const at = pick(rand, b.length);
    b.fill(0, at, at + 1 + pick(rand, maxLength));
    return b;
  };
}

/** A copy of `seed` with `rounds` mutations picked at random from `menu`. */
export function mutate(seed: Uint8Array, rand: Rand, menu: readonly Mutation[], rounds = 1): Uint8Array {
  let b: Uint8Array = Uint8Array.from(seed);
  for (let r = 0; r < rounds; r++) {
    b = menu[pick(rand, menu.length)](b, rand);
  }
  return b;
}
