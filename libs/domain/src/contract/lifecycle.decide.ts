import { TERMINATION_ROUTES } from '../service-unit/service-unit.values';
import { monthIndex, monthOf } from '../shared';
import {
  type ActivateContract,
  type AmendContract,
  type DraftContract,
  type ExpireContract,
  type RenewContract,
  type ResumeContract,
  type SignContract,
  type SuspendContract,
  type TerminateContract,
} from './contract.commands';
import { commandDate, conflict, invalid, requireCalendarDate, requireOneOf, requireText } from './contract.errors';
import {
  type ContractActivated,
  type ContractAmended,
  type ContractDrafted,
  type ContractExpired,
  type ContractRenewed,
  type ContractResumed,
  type ContractSigned,
  type ContractSuspended,
  type ContractTerminated,
} from './contract.events';
import { contractCurrency, requireStatus } from './contract.guards';
import { type ContractState, type ExistingContract } from './contract.state';
import { type ContractChanges, TERMINATION_REASONS } from './contract.values';
import { draftTerms, requirePeriodEnd, requireSlas } from './draft-rules';
import { requireMoneyIn } from './input-rules';
import { checkTerminationRule } from './termination-rule';

/** Decisions over the contract's lifecycle: draft, sign, activate, suspend, resume, amend, renew, expire, terminate. */

const IN_SERVICE = ['active', 'suspended'] as const;

export function decideDraft(command: DraftContract, state: ContractState): ContractDrafted[] {
  if (state.status !== 'none') {
    throw conflict('contract_already_exists', `Contract ${state.contractId} already exists (status ${state.status})`, {
      contractId: state.contractId,
    });
  }
  const terms = draftTerms(command.data);
  return [{ type: 'ContractDrafted', data: { ...terms, draftedBy: command.actor, draftedAt: command.at } }];
}

export function decideSign(command: SignContract, state: ContractState): ContractSigned[] {
  const s = requireStatus(state, command.data.contractId, ['draft'], 'contract_not_draft', 'signing');
  if (command.data.providerEligible !== true) {
    const why = command.data.ineligibleReason?.trim() || 'no reason was given';
    throw conflict('provider_ineligible', `Provider ${s.providerId} may not sign contract ${s.contractId}: ${why}`, {
      providerId: s.providerId,
    });
  }
  const { contractId, unitId, providerId } = s;
  return [
    { type: 'ContractSigned', data: { contractId, unitId, providerId, signedBy: command.actor, signedAt: command.at } },
  ];
}

export function decideActivate(command: ActivateContract, state: ContractState): ContractActivated[] {
  const s = requireStatus(state, command.data.contractId, ['signed'], 'contract_not_signed', 'activation');
  const { contractId, unitId, providerId, period } = s;
  const data = { contractId, unitId, providerId, period, activatedBy: command.actor, activatedAt: command.at };
  return [{ type: 'ContractActivated', data }];
}

export function decideSuspend(command: SuspendContract, state: ContractState): ContractSuspended[] {
  const s = requireStatus(state, command.data.contractId, ['active'], 'contract_not_active', 'suspension');
  const reason = requireText(command.data.reason, 'reason', 'text_required');
  const data = { contractId: s.contractId, reason, suspendedBy: command.actor, suspendedAt: command.at };
  return [{ type: 'ContractSuspended', data }];
}

export function decideResume(command: ResumeContract, state: ContractState): ContractResumed[] {
  const s = requireStatus(state, command.data.contractId, ['suspended'], 'contract_not_suspended', 'resuming');
  return [
    { type: 'ContractResumed', data: { contractId: s.contractId, resumedBy: command.actor, resumedAt: command.at } },
  ];
}

/** The latest month that holds a measurement or an invoice; a period end may not move before it. */
function lastRecordedMonth(s: ExistingContract): string | undefined {
  const months = [...Object.values(s.measurements), ...Object.values(s.settlements)].map((r) => r.period);
  return months.sort().at(-1);
}

function checkedChanges(s: ExistingContract, changes: ContractChanges | undefined): ContractChanges {
  const currency = contractCurrency(s);
  const c = changes ?? {};
  const checked: { -readonly [K in keyof ContractChanges]: ContractChanges[K] } = {};
  if (c.totalValue !== undefined) checked.totalValue = requireMoneyIn(c.totalValue, currency, 'changes.totalValue');
  if (c.monthlyCharge !== undefined)
    checked.monthlyCharge = requireMoneyIn(c.monthlyCharge, currency, 'changes.monthlyCharge');
  if (c.periodEnd !== undefined) {
    const end = requirePeriodEnd(s.period.start, c.periodEnd, 'changes.periodEnd');
    const last = lastRecordedMonth(s);
    if (last !== undefined && monthIndex(monthOf(end)) < monthIndex(last)) {
      throw conflict(
        'period_end_before_recorded_period',
        `The period cannot end on ${end}: period ${last} already holds measurements or an invoice`,
        { field: 'changes.periodEnd', lastRecordedPeriod: last },
      );
    }
    checked.periodEnd = end;
  }
  if (c.slas !== undefined) {
    const slas = requireSlas(c.slas, 'changes.slas');
    const kept = new Set(slas.map((sla) => sla.slaId));
    const dropped = Object.values(s.measurements).find((m) => !kept.has(m.slaId));
    if (dropped !== undefined) {
      throw conflict(
        'measured_sla_removed',
        `SLA ${dropped.slaId} has measurements and cannot be removed from the schedule`,
        {
          field: 'changes.slas',
          slaId: dropped.slaId,
        },
      );
    }
    checked.slas = slas;
  }
  if (Object.keys(checked).length === 0) {
    throw invalid(
      'empty_amendment',
      'An amendment must change at least one of totalValue, periodEnd, monthlyCharge or slas',
      {
        field: 'changes',
      },
    );
  }
  return checked;
}

export function decideAmend(command: AmendContract, state: ContractState): ContractAmended[] {
  const allowed = ['draft', 'signed', 'active', 'suspended'] as const;
  const s = requireStatus(state, command.data.contractId, allowed, 'contract_not_amendable', 'an amendment');
  const amendmentId = requireText(command.data.amendmentId, 'amendmentId', 'text_required');
  const rationale = requireText(command.data.rationale, 'rationale', 'text_required');
  if (s.amendments.some((a) => a.amendmentId === amendmentId)) {
    throw conflict('duplicate_amendment', `Amendment ${amendmentId} is already recorded on contract ${s.contractId}`, {
      amendmentId,
    });
  }
  const changes = checkedChanges(s, command.data.changes);
  const data = {
    contractId: s.contractId,
    amendmentId,
    version: s.amendments.length + 1,
    rationale,
    changes,
    amendedBy: command.actor,
    amendedAt: command.at,
  };
  return [{ type: 'ContractAmended', data }];
}

export function decideRenew(command: RenewContract, state: ContractState): ContractRenewed[] {
  const s = requireStatus(state, command.data.contractId, ['active'], 'contract_not_active', 'a renewal');
  const newEnd = requireCalendarDate(command.data.newEnd, 'newEnd');
  const rationale = requireText(command.data.rationale, 'rationale', 'text_required');
  if (newEnd <= s.period.end) {
    throw invalid('renewal_not_later', `A renewal must end after the current end ${s.period.end}; got ${newEnd}`, {
      field: 'newEnd',
    });
  }
  const data = {
    contractId: s.contractId,
    previousEnd: s.period.end,
    newEnd,
    rationale,
    renewedBy: command.actor,
    renewedAt: command.at,
  };
  return [{ type: 'ContractRenewed', data }];
}

function requirePeriodEnded(s: ExistingContract, at: string, action: string): void {
  const today = commandDate(at);
  if (today < s.period.end) {
    throw conflict(
      'period_not_ended',
      `Contract ${s.contractId} runs until ${s.period.end}; ${action} is possible from that date, not on ${today}`,
      { periodEnd: s.period.end },
    );
  }
}

export function decideExpire(command: ExpireContract, state: ContractState): ContractExpired[] {
  const s = requireStatus(state, command.data.contractId, IN_SERVICE, 'contract_not_in_service', 'expiry');
  requirePeriodEnded(s, command.at, 'expiry');
  const { contractId, unitId, providerId } = s;
  return [
    {
      type: 'ContractExpired',
      data: { contractId, unitId, providerId, expiredBy: command.actor, expiredAt: command.at },
    },
  ];
}

export function decideTerminate(command: TerminateContract, state: ContractState): ContractTerminated[] {
  const s = requireStatus(state, command.data.contractId, IN_SERVICE, 'contract_not_in_service', 'termination');
  const reason = requireOneOf(command.data.reason, TERMINATION_REASONS, 'reason', 'invalid_choice');
  const detail = requireText(command.data.detail, 'detail', 'text_required');
  const unitRoute = requireOneOf(
    command.data.unitRoute ?? 'retender',
    TERMINATION_ROUTES,
    'unitRoute',
    'invalid_choice',
  );
  if (reason === 'expiry') requirePeriodEnded(s, command.at, 'termination for expiry');
  if (reason === 'breach') {
    const rule = s.terminationRule;
    const check = checkTerminationRule(rule, Object.values(s.measurements), monthOf(commandDate(command.at)));
    if (!check.met) {
      throw conflict(
        'termination_rule_not_met',
        `Termination for breach needs at least ${rule.criticalBreachesAllowed} critical breaches within the last ` +
          `${rule.windowMonths} periods (${check.fromPeriod} to ${check.toPeriod}); found ${check.criticalBreaches}`,
        { ...rule, criticalBreaches: check.criticalBreaches, fromPeriod: check.fromPeriod, toPeriod: check.toPeriod },
      );
    }
  }
  const { contractId, unitId, providerId } = s;
  const data = {
    contractId,
    unitId,
    providerId,
    reason,
    detail,
    unitRoute,
    terminatedBy: command.actor,
    terminatedAt: command.at,
  };
  return [{ type: 'ContractTerminated', data }];
}
