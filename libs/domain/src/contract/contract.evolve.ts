import { assertNever } from '../shared';
import { type ContractDrafted, type ContractEvent } from './contract.events';
import {
  type AmendmentRecord,
  type BreachCount,
  type ContractRecord,
  type ContractState,
  type DraftContractState,
  type ExistingContract,
  type MeasurementRecord,
  measurementKey,
  type RectificationPlan,
  type SettlementRecord,
  type Signature,
} from './contract.state';

/** How each contract event changes the state; deterministic, and total over a well-formed stream. */

function drafted(data: ContractDrafted['data']): DraftContractState {
  const { draftedBy, draftedAt, ...terms } = data;
  return {
    ...terms,
    status: 'draft',
    draftedBy,
    draftedAt,
    amendments: [],
    renewals: [],
    measurements: {},
    breachCounts: {},
    rectifications: {},
    settlements: {},
  };
}

/** The status-independent part of a contract, without the fields of its current status. */
function recordOf(s: ExistingContract): ContractRecord {
  const { contractId, unitId, providerId, agency, procurementId, awardId, totalValue, period, monthlyCharge } = s;
  const { slas, terminationRule, creditCapPercent, draftedBy, draftedAt, amendments, renewals } = s;
  const { measurements, breachCounts, rectifications, settlements } = s;
  return {
    ...{ contractId, unitId, providerId, agency, procurementId, awardId, totalValue, period, monthlyCharge },
    ...{ slas, terminationRule, creditCapPercent, draftedBy, draftedAt, amendments, renewals },
    ...{ measurements, breachCounts, rectifications, settlements },
  };
}

/** Fields of a contract that has been activated; evolve only sees these events after activation. */
function inService(s: ExistingContract): ContractRecord & Signature & { activatedAt: string } {
  if (s.status !== 'active' && s.status !== 'suspended') throw corrupt(s, 'a contract in service');
  return { ...recordOf(s), signedBy: s.signedBy, signedAt: s.signedAt, activatedAt: s.activatedAt };
}

function corrupt(s: ContractState, expected: string): Error {
  return new Error(`Contract stream is inconsistent: expected ${expected}, found status ${s.status}`);
}

function countBreaches(measurements: Record<string, MeasurementRecord>, slaId: string): BreachCount {
  const own = Object.values(measurements).filter((m) => m.slaId === slaId);
  return {
    breached: own.filter((m) => m.outcome === 'breached').length,
    criticallyBreached: own.filter((m) => m.outcome === 'critically_breached').length,
  };
}

function withMeasurement(s: ExistingContract, record: MeasurementRecord): ExistingContract {
  const measurements = { ...s.measurements, [measurementKey(record.slaId, record.period)]: record };
  const breachCounts = { ...s.breachCounts, [record.slaId]: countBreaches(measurements, record.slaId) };
  return { ...s, measurements, breachCounts };
}

function withSettlement(s: ExistingContract, period: string, change: Partial<SettlementRecord>): ExistingContract {
  const current = s.settlements[period];
  if (current === undefined) throw corrupt(s, `a settlement for ${period}`);
  return { ...s, settlements: { ...s.settlements, [period]: { ...current, ...change } } };
}

function amended(s: ExistingContract, amendment: AmendmentRecord): ExistingContract {
  const { totalValue, periodEnd, monthlyCharge, slas } = amendment.changes;
  return {
    ...s,
    totalValue: totalValue ?? s.totalValue,
    period: periodEnd === undefined ? s.period : { start: s.period.start, end: periodEnd },
    monthlyCharge: monthlyCharge ?? s.monthlyCharge,
    slas: slas ?? s.slas,
    amendments: [...s.amendments, amendment],
  };
}

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  if (event.type === 'ContractDrafted') return drafted(event.data);
  if (state.status === 'none') throw corrupt(state, `a drafted contract before ${event.type}`);
  const s = state;
  switch (event.type) {
    case 'ContractSigned':
      return { ...recordOf(s), status: 'signed', signedBy: event.data.signedBy, signedAt: event.data.signedAt };
    case 'ContractActivated':
      if (s.status !== 'signed') throw corrupt(s, 'a signed contract');
      return {
        ...recordOf(s),
        status: 'active',
        signedBy: s.signedBy,
        signedAt: s.signedAt,
        activatedAt: event.data.activatedAt,
      };
    case 'ContractSuspended': {
      const { reason, suspendedBy, suspendedAt } = event.data;
      return { ...inService(s), status: 'suspended', suspendedAt, suspendedBy, suspensionReason: reason };
    }
    case 'ContractResumed':
      return { ...inService(s), status: 'active' };
    case 'ContractAmended': {
      const { contractId: _id, ...amendment } = event.data;
      return amended(s, amendment);
    }
    case 'ContractRenewed': {
      const { contractId: _id, ...renewal } = event.data;
      return { ...s, period: { start: s.period.start, end: renewal.newEnd }, renewals: [...s.renewals, renewal] };
    }
    case 'ContractExpired':
      return { ...inService(s), status: 'expired', expiredAt: event.data.expiredAt };
    case 'ContractTerminated': {
      const { reason, detail, terminatedBy, terminatedAt } = event.data;
      return {
        ...inService(s),
        status: 'terminated',
        terminatedAt,
        terminatedBy,
        terminationReason: reason,
        terminationDetail: detail,
      };
    }
    case 'SlaMeasurementRecorded': {
      const { slaId, period, value, outcome, credit, recordedBy, recordedAt } = event.data;
      return withMeasurement(s, { slaId, period, value, outcome, credit, corrected: false, recordedBy, recordedAt });
    }
    case 'SlaMeasurementCorrected': {
      const { slaId, period, value, outcome, credit, correctedBy, correctedAt } = event.data;
      const record = {
        slaId,
        period,
        value,
        outcome,
        credit,
        corrected: true,
        recordedBy: correctedBy,
        recordedAt: correctedAt,
      };
      return withMeasurement(s, record);
    }
    case 'RectificationPlanOpened': {
      const { contractId: _id, ...plan } = event.data;
      return { ...s, rectifications: { ...s.rectifications, [plan.rectificationId]: { ...plan, status: 'open' } } };
    }
    case 'RectificationPlanClosed': {
      const { rectificationId, evidence, closedBy, closedAt } = event.data;
      const plan = s.rectifications[rectificationId];
      if (plan === undefined) throw corrupt(s, `rectification plan ${rectificationId}`);
      const closed: RectificationPlan = { ...plan, status: 'closed', evidence, closedBy, closedAt };
      return { ...s, rectifications: { ...s.rectifications, [rectificationId]: closed } };
    }
    case 'InvoiceRecorded': {
      const { contractId: _id, ...invoice } = event.data;
      return { ...s, settlements: { ...s.settlements, [invoice.period]: { ...invoice, status: 'invoiced' } } };
    }
    case 'SettlementRecalculated': {
      const { period, slaCredits, credits, net } = event.data;
      return withSettlement(s, period, { slaCredits, credits, net });
    }
    case 'SettlementApproved': {
      const { period, approvedBy, approvedAt } = event.data;
      return withSettlement(s, period, { status: 'approved', approvedBy, approvedAt });
    }
    case 'PaymentRecorded': {
      const { period, amount, paymentRef, paidAt } = event.data;
      return withSettlement(s, period, { status: 'paid', paidAmount: amount, paymentRef, paidAt });
    }
    default:
      return assertNever(event);
  }
}
