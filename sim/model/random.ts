/** A small seeded PRNG (mulberry32): the simulation is deterministic for a given seed. */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A child generator with its own stream, so adding draws in one place does not shift another's. */
  fork(label: string): Random;
}

const hash = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
};

export const seededRandom = (seed: number | string): Random => {
  let state = typeof seed === 'number' ? seed >>> 0 : hash(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, fork: (label) => seededRandom(hash(`${state}:${label}`)) };
};
