/**
 * Whether work grows linearly with its input, measured as test/unit/bench/property.test.ts does: the
 * fastest of interleaved runs of a small and a big input (the minimum shrugs off GC pauses and other load,
 * interleaving exposes both to the same conditions), compared per unit of input size.
 */

function fastestPairMs(small: () => void, big: () => void, runs = 7): [number, number] {
  let s = Infinity;
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    small();
    s = Math.min(s, performance.now() - t0);
    t0 = performance.now();
    big();
    b = Math.min(b, performance.now() - t0);
  }
  return [Math.max(s, 0.05), b];
}

/**
 * How many times longer `work(big)` took than `work(small)` per unit of size. A load spike can slow every
 * run of one round, so a ratio over the bound is measured again, up to five rounds, keeping the best; work
 * that really grows faster than its input stays over the bound in every round.
 */
export function timeRatio<T>(
  work: (input: T) => unknown,
  small: { input: T; size: number },
  big: { input: T; size: number },
  bound: number
): number {
  let best = Infinity;
  for (let round = 0; round < 5 && best >= bound; round++) {
    const [smallMs, bigMs] = fastestPairMs(
      () => work(small.input),
      () => work(big.input)
    );
    best = Math.min(best, bigMs / smallMs / (big.size / small.size));
  }
  return best;
}
