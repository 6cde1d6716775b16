import { type DraftContractData } from './contract.commands';
import { invalid, requireCalendarDate, requireOneOf, requireText } from './contract.errors';
import { type ContractDrafted } from './contract.events';
import {
  CREDIT_RULE_KINDS,
  type CreditRule,
  DEFAULT_CREDIT_CAP_PERCENT,
  DEFAULT_TERMINATION_RULE,
  SLA_DIRECTIONS,
  type SlaDefinition,
  type TerminationRule,
} from './contract.values';
import { requireMoneyIn, requirePercent } from './input-rules';
import { requireInUnitRange } from './measurement-range';
import { criticalIsWorseThanTarget } from './sla-evaluation';

/** Validation of the terms a contract is drafted (and amended) with. */

const OCID = /^ocds-[a-z0-9]{6}-\S+$/;
const SLA_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function requirePeriodEnd(start: string, end: unknown, field: string): string {
  const date = requireCalendarDate(end, field);
  if (date <= start) {
    throw invalid('period_end_not_after_start', `${field} ${date} must be after the period start ${start}`, { field });
  }
  return date;
}

function requireCreditRule(rule: CreditRule | undefined, field: string): CreditRule {
  const kind = requireOneOf(rule?.kind, CREDIT_RULE_KINDS, `${field}.kind`, 'invalid_choice');
  if (kind === 'fixed_percent') {
    const r = rule as Extract<CreditRule, { kind: 'fixed_percent' }>;
    return { kind, percentOfCharge: requirePercent(r.percentOfCharge, `${field}.percentOfCharge`) };
  }
  const perUnitPercent = (rule as Extract<CreditRule, { kind: 'linear' }>).perUnitPercent;
  if (typeof perUnitPercent !== 'number' || !Number.isFinite(perUnitPercent) || perUnitPercent < 0) {
    throw invalid(
      'invalid_percent',
      `${field}.perUnitPercent must be a percent of at least 0; got ${String(perUnitPercent)}`,
      {
        field: `${field}.perUnitPercent`,
      },
    );
  }
  return { kind, perUnitPercent };
}

export function requireSla(sla: SlaDefinition, field: string): SlaDefinition {
  if (typeof sla?.slaId !== 'string' || !SLA_ID.test(sla.slaId)) {
    throw invalid(
      'invalid_sla_id',
      `${field}.slaId must be letters, digits, "_", "." or "-"; got "${String(sla?.slaId)}"`,
      {
        field: `${field}.slaId`,
      },
    );
  }
  const direction = requireOneOf(sla.direction, SLA_DIRECTIONS, `${field}.direction`, 'invalid_choice');
  const unit = requireText(sla.unit, `${field}.unit`, 'text_required');
  const target = requireInUnitRange(sla.target, unit, `${field}.target`);
  const criticalThreshold = requireInUnitRange(sla.criticalThreshold, unit, `${field}.criticalThreshold`);
  if (!criticalIsWorseThanTarget({ direction, target, criticalThreshold })) {
    const worse = direction === 'higher_is_better' ? 'below' : 'above';
    throw invalid(
      'critical_threshold_not_worse',
      `SLA ${sla.slaId}: the critical threshold ${criticalThreshold} must lie ${worse} the target ${target} when ${direction}`,
      { field: `${field}.criticalThreshold` },
    );
  }
  if (typeof sla.weight !== 'number' || !Number.isFinite(sla.weight) || sla.weight <= 0) {
    throw invalid(
      'invalid_weight',
      `SLA ${sla.slaId}: the weight must be a number above 0; got ${String(sla.weight)}`,
      {
        field: `${field}.weight`,
      },
    );
  }
  return {
    slaId: sla.slaId,
    title: requireText(sla.title, `${field}.title`, 'text_required'),
    metric: requireText(sla.metric, `${field}.metric`, 'text_required'),
    unit,
    direction,
    target,
    criticalThreshold,
    weight: sla.weight,
    creditRule: requireCreditRule(sla.creditRule, `${field}.creditRule`),
    capPercent: requirePercent(sla.capPercent, `${field}.capPercent`),
  };
}

export function requireSlas(slas: readonly SlaDefinition[] | undefined, field: string): SlaDefinition[] {
  if (!Array.isArray(slas)) throw invalid('invalid_sla_list', `${field} must be a list of SLA definitions`, { field });
  const checked = slas.map((sla, i) => requireSla(sla, `${field}[${i}]`));
  const seen = new Set<string>();
  for (const { slaId } of checked) {
    if (seen.has(slaId)) {
      throw invalid('duplicate_sla_id', `SLA id ${slaId} appears more than once; each SLA needs its own id`, {
        field,
        slaId,
      });
    }
    seen.add(slaId);
  }
  return checked;
}

function requireTerminationRule(rule: TerminationRule | undefined): TerminationRule {
  if (rule === undefined) return DEFAULT_TERMINATION_RULE;
  const ok = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
  if (!ok(rule?.criticalBreachesAllowed) || !ok(rule?.windowMonths)) {
    throw invalid(
      'invalid_termination_rule',
      'The termination rule needs whole numbers of at least 1 for criticalBreachesAllowed and windowMonths',
      { field: 'terminationRule' },
    );
  }
  return { criticalBreachesAllowed: rule.criticalBreachesAllowed, windowMonths: rule.windowMonths };
}

/** Checks a draft and fills in the defaults; returns the terms as the ContractDrafted event stores them. */
export function draftTerms(data: DraftContractData): Omit<ContractDrafted['data'], 'draftedBy' | 'draftedAt'> {
  const procurementId = requireText(data.procurementId, 'procurementId', 'text_required');
  if (!OCID.test(procurementId)) {
    throw invalid(
      'invalid_ocid',
      `procurementId must be an OCDS ocid like "ocds-213czf-000-00001"; got "${procurementId}"`,
      {
        field: 'procurementId',
      },
    );
  }
  const totalValue = requireMoneyIn(data.totalValue, undefined, 'totalValue');
  const start = requireCalendarDate(data.period?.start, 'period.start');
  return {
    contractId: requireText(data.contractId, 'contractId', 'text_required'),
    unitId: requireText(data.unitId, 'unitId', 'text_required'),
    providerId: requireText(data.providerId, 'providerId', 'text_required'),
    agency: requireText(data.agency, 'agency', 'text_required'),
    procurementId,
    awardId: requireText(data.awardId, 'awardId', 'text_required'),
    totalValue,
    period: { start, end: requirePeriodEnd(start, data.period?.end, 'period.end') },
    monthlyCharge: requireMoneyIn(data.monthlyCharge, totalValue.currency, 'monthlyCharge'),
    slas: requireSlas(data.slas, 'slas'),
    terminationRule: requireTerminationRule(data.terminationRule),
    creditCapPercent: requirePercent(data.creditCapPercent ?? DEFAULT_CREDIT_CAP_PERCENT, 'creditCapPercent'),
  };
}
