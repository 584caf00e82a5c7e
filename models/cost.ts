import { lookupPrice } from '../config/prices';

/** Dollars for one call; an unknown model costs 0 and is flagged so reports can say "unpriced". */
export function callCost(provider: string, model: string, tokensIn: number, tokensOut: number): { cost_usd: number; unpriced: boolean } {
  const p = lookupPrice(provider, model);
  if (!p) return { cost_usd: 0, unpriced: true };
  return { cost_usd: (tokensIn * p.input + tokensOut * p.output) / 1e6, unpriced: false };
}
