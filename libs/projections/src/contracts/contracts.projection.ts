import { assertNever, round2 } from '@spinout/domain';
import {
  CONTRACT_EVENT_TYPES,
  type ContractEvent,
  type MeasurementFigures,
  type SlaOutcome,
} from '@spinout/domain/contract';
import type { StoredEvent } from '@spinout/event-store';
import { dataString, occurredAt } from '../shared/events';
import { exactSum } from '../shared/exact-sum';
import type { KeyedProjection } from '../sql/keyed-fold';
import { CONTRACTS_TABLE, type ContractRow, type LatestOutcome } from './contract.row';

const isBreach = (outcome: SlaOutcome): number => (outcome === 'met' ? 0 : 1);
const isCritical = (outcome: SlaOutcome): number => (outcome === 'critically_breached' ? 1 : 0);

/** The contract row after one event of its stream. */
export function projectContract(
  row: ContractRow | undefined,
  event: StoredEvent<ContractEvent>,
): ContractRow | undefined {
  if (event.type === 'ContractDrafted') return drafted(event.data, event);
  if (row === undefined) return undefined;
  return { ...apply(row, event), version: event.streamVersion, updatedAt: occurredAt(event) };
}

function drafted(d: Extract<ContractEvent, { type: 'ContractDrafted' }>['data'], event: StoredEvent): ContractRow {
  return {
    contractId: d.contractId,
    unitId: d.unitId,
    providerId: d.providerId,
    agency: d.agency,
    procurementId: d.procurementId,
    awardId: d.awardId,
    status: 'draft',
    currency: d.totalValue.currency,
    totalValueMinor: d.totalValue.amountMinor,
    monthlyChargeMinor: d.monthlyCharge.amountMinor,
    periodStart: d.period.start,
    periodEnd: d.period.end,
    creditCapPercent: d.creditCapPercent,
    slaCount: d.slas.length,
    latestOutcomes: {},
    compliancePercent: null,
    measurements: 0,
    corrections: 0,
    breaches: 0,
    criticalBreaches: 0,
    creditsTotalMinor: 0,
    creditsAppliedMinor: 0,
    paidMinor: 0,
    openRectifications: 0,
    amendments: 0,
    renewals: 0,
    draftedAt: d.draftedAt,
    signedAt: null,
    activatedAt: null,
    endedAt: null,
    terminationReason: null,
    version: event.streamVersion,
    updatedAt: occurredAt(event),
  };
}

function apply(row: ContractRow, e: ContractEvent): ContractRow {
  switch (e.type) {
    case 'ContractDrafted':
      return row;
    case 'ContractSigned':
      return { ...row, status: 'signed', signedAt: e.data.signedAt };
    case 'ContractActivated':
      return {
        ...row,
        status: 'active',
        activatedAt: e.data.activatedAt,
        periodStart: e.data.period.start,
        periodEnd: e.data.period.end,
      };
    case 'ContractSuspended':
      return { ...row, status: 'suspended' };
    case 'ContractResumed':
      return { ...row, status: 'active' };
    case 'ContractAmended': {
      const { totalValue, periodEnd, monthlyCharge, slas } = e.data.changes;
      return {
        ...row,
        totalValueMinor: totalValue?.amountMinor ?? row.totalValueMinor,
        periodEnd: periodEnd ?? row.periodEnd,
        monthlyChargeMinor: monthlyCharge?.amountMinor ?? row.monthlyChargeMinor,
        slaCount: slas?.length ?? row.slaCount,
        amendments: e.data.version,
      };
    }
    case 'ContractRenewed':
      return { ...row, periodEnd: e.data.newEnd, renewals: row.renewals + 1 };
    case 'ContractExpired':
      return { ...row, status: 'expired', endedAt: e.data.expiredAt };
    case 'ContractTerminated':
      return { ...row, status: 'terminated', endedAt: e.data.terminatedAt, terminationReason: e.data.reason };
    case 'SlaMeasurementRecorded':
      return measured({ ...row, measurements: row.measurements + 1 }, e.data.slaId, e.data.period, e.data, null);
    case 'SlaMeasurementCorrected':
      return measured(
        { ...row, corrections: row.corrections + 1 },
        e.data.slaId,
        e.data.period,
        e.data,
        e.data.previous,
      );
    case 'RectificationPlanOpened':
      return { ...row, openRectifications: row.openRectifications + 1 };
    case 'RectificationPlanClosed':
      return { ...row, openRectifications: Math.max(0, row.openRectifications - 1) };
    case 'InvoiceRecorded':
      return { ...row, creditsAppliedMinor: exactSum(row.creditsAppliedMinor, e.data.credits.amountMinor) };
    case 'SettlementRecalculated': {
      const { credits, previous } = e.data;
      const creditsAppliedMinor = exactSum(row.creditsAppliedMinor, credits.amountMinor, -previous.credits.amountMinor);
      return { ...row, creditsAppliedMinor };
    }
    case 'SettlementApproved':
      return row;
    case 'PaymentRecorded':
      return { ...row, paidMinor: exactSum(row.paidMinor, e.data.amount.amountMinor) };
    default:
      return assertNever(e);
  }
}

/** New figures for (SLA, period), replacing `previous` (null for a first measurement). */
function measured(
  row: ContractRow,
  slaId: string,
  period: string,
  now: MeasurementFigures,
  previous: MeasurementFigures | null,
): ContractRow {
  const was = previous ?? {
    outcome: 'met' as const,
    credit: { amountMinor: 0, currency: now.credit.currency },
    value: 0,
  };
  const latest = row.latestOutcomes[slaId];
  const latestOutcomes: Record<string, LatestOutcome> =
    latest === undefined || period >= latest.period
      ? { ...row.latestOutcomes, [slaId]: { period, outcome: now.outcome } }
      : row.latestOutcomes;
  return {
    ...row,
    breaches: row.breaches + isBreach(now.outcome) - isBreach(was.outcome),
    criticalBreaches: row.criticalBreaches + isCritical(now.outcome) - isCritical(was.outcome),
    creditsTotalMinor: exactSum(row.creditsTotalMinor, now.credit.amountMinor, -was.credit.amountMinor),
    latestOutcomes,
    compliancePercent: compliance(latestOutcomes),
  };
}

/** Percent of SLAs whose latest measured period was met; null when none is measured. */
export function compliance(latest: Readonly<Record<string, LatestOutcome>>): number | null {
  const outcomes = Object.values(latest);
  if (outcomes.length === 0) return null;
  return round2((100 * outcomes.filter((o) => o.outcome === 'met').length) / outcomes.length);
}

export const contractsProjection: KeyedProjection<ContractRow, ContractEvent> = {
  table: CONTRACTS_TABLE,
  keyOfEvent: (event) => {
    const contractId = dataString(event, 'contractId');
    return contractId === undefined ? undefined : [contractId];
  },
  project: projectContract,
};

export const CONTRACTS_EVENT_TYPES: readonly ContractEvent['type'][] = CONTRACT_EVENT_TYPES;
