import type { SlaOutcome } from '../contract/contract.values';
import { decimalOf, multiply, subtract, type Decimal } from '../contract/decimal';
import { slaScore } from '../contract/scorecard';

/**
 * The one weighted score of a provider scorecard, and the one rounding of its figures:
 *
 *   score = Σ weightᵢ × slaScore(outcomeᵢ) / Σ weightᵢ      (met 100, breached 50, critical 0)
 *
 * rounded half-up to two decimals. The view keeps the two sums as running totals and the
 * published scorecard sums its entries at once; both go through these functions, so they agree.
 *
 * Weights are fractions such as 0.1 or 20.8, which binary floating point cannot hold: summed as
 * numbers, 0.1 + 20.8 + 1.5 is 22.400000000000002, and 1050 / 22.400000000000002 rounds to 46.87
 * where 1050 / 22.4 = 46.875 rounds to 46.88. So each number is read through its shortest decimal
 * spelling into an exact decimal, the sums are exact, and the quotient is rounded on integers.
 * Sums are handed back as the numbers nearest to them; they stay exact while a sum has at most 15
 * significant digits (weights of a few decimals, totals far below a billion).
 */

/** Σ weight × slaScore(outcome) and Σ weight over some SLA entries. */
export interface WeightedSums {
  readonly weightedPoints: number;
  readonly weightTotal: number;
}

/** What an SLA entry adds to the sums: its weight and its outcome. */
export interface WeightedEntry {
  readonly weight: number;
  readonly outcome: SlaOutcome;
}

export const NO_WEIGHTED_SUMS: WeightedSums = { weightedPoints: 0, weightTotal: 0 };

/** The sums with `next` in place of `previous` (the entry it replaces, if any), exactly. */
export function withWeightedEntry(
  sums: WeightedSums,
  previous: WeightedEntry | undefined,
  next: WeightedEntry,
): WeightedSums {
  let points = add(decimalOf(sums.weightedPoints), pointsOf(next));
  let weight = add(decimalOf(sums.weightTotal), decimalOf(next.weight));
  if (previous !== undefined) {
    points = subtract(points, pointsOf(previous));
    weight = subtract(weight, decimalOf(previous.weight));
  }
  return { weightedPoints: numberOf(points), weightTotal: numberOf(weight) };
}

/** The sums over a set of entries (one per contract and SLA). */
export function weightedSumsOf(entries: readonly WeightedEntry[]): WeightedSums {
  return entries.reduce<WeightedSums>((sums, entry) => withWeightedEntry(sums, undefined, entry), NO_WEIGHTED_SUMS);
}

/** The score 0–100, two decimals, half-up; 0 when nothing is weighted. */
export function weightedScore(sums: WeightedSums): number {
  const total = decimalOf(sums.weightTotal);
  if (total.units <= 0n) return 0;
  const hundredths = quotientInHundredths(decimalOf(sums.weightedPoints), total);
  return numberOf({ units: clamp(hundredths, 0n, 100_00n), scale: 2 });
}

/**
 * Half-up to two decimals (half away from zero below zero) of the decimal a number spells:
 * 46.875 → 46.88, 1.005 → 1.01, 200 / 3 → 66.67, −16.670000000000002 → −16.67.
 */
export function round2(value: number): number {
  return numberOf({ units: quotientInHundredths(decimalOf(value), ONE), scale: 2 });
}

const ONE: Decimal = { units: 1n, scale: 0 };

const pointsOf = (entry: WeightedEntry): Decimal =>
  multiply(decimalOf(entry.weight), decimalOf(slaScore(entry.outcome)));

function add(a: Decimal, b: Decimal): Decimal {
  return subtract(a, { units: -b.units, scale: b.scale });
}

/** numerator / denominator (denominator above zero) in hundredths, rounded half away from zero, on integers only. */
function quotientInHundredths(numerator: Decimal, denominator: Decimal): bigint {
  // (n / 10^ns) / (d / 10^ds) × 100 = 100 × n × 10^ds / (d × 10^ns)
  const top = 100n * numerator.units * 10n ** BigInt(denominator.scale);
  const bottom = denominator.units * 10n ** BigInt(numerator.scale);
  const magnitude = (2n * (top < 0n ? -top : top) + bottom) / (2n * bottom);
  return top < 0n ? -magnitude : magnitude;
}

/** The number nearest to an exact decimal (parsing its spelling rounds correctly). */
const numberOf = (value: Decimal): number => Number(`${value.units}e-${value.scale}`);

const clamp = (value: bigint, low: bigint, high: bigint): bigint => (value < low ? low : value > high ? high : value);
