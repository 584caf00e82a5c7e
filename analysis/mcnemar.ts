/**
 * McNemar's exact test on the discordant pairs of a paired comparison: b tasks went one way,
 * c the other. Two-sided binomial: p = min(1, 2 * sum_{i<=min(b,c)} C(b+c, i) / 2^(b+c)); p = 1
 * when there are no discordant pairs. BigInt keeps the binomial sums exact for any n.
 */
export function mcnemarExact(b: number, c: number): number {
  for (const [name, v] of [['b', b], ['c', c]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`mcnemarExact: ${name} must be a non-negative integer, got ${v}`);
  }
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  let term = 1n; // C(n, 0)
  let sum = 1n;
  for (let i = 0; i < k; i++) {
    term = (term * BigInt(n - i)) / BigInt(i + 1);
    sum += term;
  }
  return Math.min(1, ratioToPow2(2n * sum, n));
}

/** num / 2^n as a double without overflowing: keep the top 64 bits of num and scale by a power of two. */
function ratioToPow2(num: bigint, n: number): number {
  const shift = Math.max(0, num.toString(2).length - 64);
  return Number(num >> BigInt(shift)) * 2 ** (shift - n);
}
