import type { Money } from '../shared';
import { conflict, invalid, requireMoney, type ServiceUnitStageCode } from './service-unit.errors';
import type { RegisteredServiceUnit } from './service-unit.state';
import type { ServiceUnitStage } from './service-unit.values';

const listOf = (stages: readonly string[]): string =>
  stages.length <= 1 ? stages.join('') : `${stages.slice(0, -1).join(', ')} or ${stages[stages.length - 1]}`;

/**
 * Refuses a command in the wrong stage, saying what was asked, when it is allowed and
 * where the unit stands, e.g. "A plan can only be approved while plan_proposed; unit is in_house".
 */
export function requireStage(
  unit: RegisteredServiceUnit,
  allowed: readonly ServiceUnitStage[],
  code: ServiceUnitStageCode,
  action: string,
): void {
  if (!allowed.includes(unit.stage)) {
    throw conflict(code, `${action} only while ${listOf(allowed)}; unit is ${unit.stage}`, {
      stage: unit.stage,
      allowedStages: allowed,
    });
  }
}

/**
 * Money that will be compared with the unit's cost baseline (plan target, tender estimate,
 * contract value) must be in the baseline's currency, or savings could not be computed.
 */
export function requireBaselineCurrency(unit: RegisteredServiceUnit, value: Money | undefined, field: string): Money {
  const amount = requireMoney(value, field);
  if (amount.currency !== unit.annualCostBaseline.currency) {
    throw invalid(
      'currency_mismatch',
      `${field} is in ${amount.currency} but the unit's cost baseline is in ${unit.annualCostBaseline.currency}; savings are only computed in one currency`,
      { field, expected: unit.annualCostBaseline.currency },
    );
  }
  return amount;
}
