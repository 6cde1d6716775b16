import { assertNever, type Money } from '../shared';
import { type Decimal, decimalOf, integerDecimal, multiply, percentOf, roundHalfUp, subtract } from './decimal';
import { type SlaDefinition, type SlaDirection, type SlaOutcome } from './contract.values';

/**
 * How one measured value of an SLA turns into an outcome and a service credit.
 *
 * Outcome: a value at the target or better is `met`; a value at the critical threshold or
 * worse is `critically_breached`; anything between is `breached` ("better" per direction).
 *
 * Credit, as integer minor units of the monthly charge in force when the value is recorded:
 * - met: 0;
 * - `fixed_percent`: charge × percentOfCharge / 100 for a breached or critically breached period;
 * - `linear`: charge × shortfall × perUnitPercent / 100, the shortfall being how far the value
 *   lies on the wrong side of the target in the metric's unit (always positive when breached).
 * The exact result is rounded half-up to a whole minor unit (4.5 fen → 5 fen, 4.49 → 4), then
 * capped at charge × capPercent / 100, itself rounded half-up. Rounding commutes with the cap
 * (both are monotone), so the order does not change the figure.
 */

type Thresholds = Pick<SlaDefinition, 'direction' | 'target' | 'criticalThreshold'>;

/** True when `a` is at least as good as `b` in the given direction. */
function atLeastAsGood(direction: SlaDirection, a: number, b: number): boolean {
  switch (direction) {
    case 'higher_is_better':
      return a >= b;
    case 'lower_is_better':
      return a <= b;
    default:
      return assertNever(direction);
  }
}

export function evaluateSlaOutcome(sla: Thresholds, value: number): SlaOutcome {
  if (atLeastAsGood(sla.direction, value, sla.target)) return 'met';
  if (atLeastAsGood(sla.direction, sla.criticalThreshold, value)) return 'critically_breached';
  return 'breached';
}

/** True when a critical threshold lies strictly on the worse side of the target. */
export function criticalIsWorseThanTarget(sla: Thresholds): boolean {
  return !atLeastAsGood(sla.direction, sla.criticalThreshold, sla.target);
}

/** How far `value` lies on the wrong side of the target, exactly; zero when met. */
export function shortfall(sla: Thresholds, value: number): Decimal {
  if (atLeastAsGood(sla.direction, value, sla.target)) return integerDecimal(0);
  return sla.direction === 'higher_is_better'
    ? subtract(decimalOf(sla.target), decimalOf(value))
    : subtract(decimalOf(value), decimalOf(sla.target));
}

/** `percent` % of a money amount, rounded half-up to whole minor units. */
export function percentOfMoney(amount: Money, percent: number): Money {
  const minor = roundHalfUp(percentOf(integerDecimal(amount.amountMinor), decimalOf(percent)));
  return { amountMinor: Number(minor), currency: amount.currency };
}

export interface SlaEvaluation {
  readonly outcome: SlaOutcome;
  readonly credit: Money;
}

export function evaluateSla(sla: SlaDefinition, value: number, monthlyCharge: Money): SlaEvaluation {
  const outcome = evaluateSlaOutcome(sla, value);
  if (outcome === 'met') return { outcome, credit: { amountMinor: 0, currency: monthlyCharge.currency } };
  const charge = integerDecimal(monthlyCharge.amountMinor);
  const rule = sla.creditRule;
  let raw: bigint;
  switch (rule.kind) {
    case 'fixed_percent':
      raw = roundHalfUp(percentOf(charge, decimalOf(rule.percentOfCharge)));
      break;
    case 'linear':
      raw = roundHalfUp(percentOf(charge, multiply(shortfall(sla, value), decimalOf(rule.perUnitPercent))));
      break;
    default:
      return assertNever(rule);
  }
  const cap = roundHalfUp(percentOf(charge, decimalOf(sla.capPercent)));
  return { outcome, credit: { amountMinor: Number(raw < cap ? raw : cap), currency: monthlyCharge.currency } };
}
