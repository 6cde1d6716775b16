import { addMonths, monthIndex } from '../shared';
import { type SlaOutcome, type TerminationRule } from './contract.values';

/**
 * The termination-for-breach rule: at least `criticalBreachesAllowed` critical breaches within
 * the last `windowMonths` periods. The window is the `windowMonths` calendar months ending with
 * the month of the decision, inclusive (decided in 2025-07 with a 12-month window: 2024-08 to
 * 2025-07). Each SLA and period counts once, by its latest (possibly corrected) outcome, so a
 * critical breach corrected to a lesser outcome no longer counts.
 */
export interface TerminationRuleCheck {
  readonly met: boolean;
  readonly criticalBreaches: number;
  readonly fromPeriod: string;
  readonly toPeriod: string;
}

export function checkTerminationRule(
  rule: TerminationRule,
  latestMeasurements: Iterable<{ readonly period: string; readonly outcome: SlaOutcome }>,
  asOfMonth: string,
): TerminationRuleCheck {
  const fromPeriod = addMonths(asOfMonth, -(rule.windowMonths - 1));
  const [from, to] = [monthIndex(fromPeriod), monthIndex(asOfMonth)];
  let criticalBreaches = 0;
  for (const m of latestMeasurements) {
    const index = monthIndex(m.period);
    if (m.outcome === 'critically_breached' && index >= from && index <= to) criticalBreaches += 1;
  }
  return { met: criticalBreaches >= rule.criticalBreachesAllowed, criticalBreaches, fromPeriod, toPeriod: asOfMonth };
}
