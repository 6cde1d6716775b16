/**
 * Integer totals that are exact or refused. Views keep running totals of money in minor units
 * (and of counts) as JavaScript numbers, which hold integers exactly only up to 2^53. The domain
 * bounds every amount (MAX_MONEY_MINOR) so that no realistic total comes near that; this turns the
 * assumption into a check: a total that would leave the safe integers throws, so the processor
 * parks the event and says why, instead of storing a figure that is silently off by a few.
 */
export function exactSum(...terms: readonly number[]): number {
  let total = 0;
  for (const term of terms) {
    if (!Number.isSafeInteger(term)) throw new RangeError(`A view total can only add safe integers; got ${term}`);
    total += term;
    if (!Number.isSafeInteger(total))
      throw new RangeError(`A view total would exceed 2^53 and lose precision: ${total}`);
  }
  return total;
}
