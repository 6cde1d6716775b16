import { addMonths, type Money, monthOf, sameSubject } from '../shared';
import { type ApproveSettlement, type RecordInvoice, type RecordPayment } from './contract.commands';
import { commandDate, conflict, forbidden, invalid, notFound, requireText } from './contract.errors';
import {
  type InvoiceRecorded,
  type PaymentRecorded,
  type SettlementApproved,
  type SettlementRecalculated,
} from './contract.events';
import { contractCurrency, requirePeriodWithin, requireStatus } from './contract.guards';
import {
  type ContractState,
  type ExistingContract,
  type MeasurementRecord,
  measurementKey,
  type SettlementRecord,
} from './contract.state';
import { commandInstant, requireMoneyIn } from './input-rules';
import { periodSlaCredits, settlementFigures } from './settlement';

/**
 * Decisions over the settlement of a period: invoice (credits computed from the period's latest
 * measurements), approval by someone other than the recorder, and exact payment of the net.
 * Settlement continues after a contract expires or terminates: the last months are invoiced later.
 */

const SETTLEABLE = ['active', 'suspended', 'expired', 'terminated'] as const;

function requireSettlement(s: ExistingContract, period: string): SettlementRecord {
  const settlement = s.settlements[period];
  if (settlement === undefined) {
    throw notFound('settlement_not_found', `No invoice is recorded for period ${period} of contract ${s.contractId}`, {
      period,
    });
  }
  return settlement;
}

/**
 * Services are invoiced in arrears: a period is invoiced once it has ended, never during it. A
 * month ends at midnight where the command was issued: its time is written with the business
 * time zone's offset (ADR 019), so its date is the business date.
 */
function requirePeriodEnded(period: string, at: string): void {
  commandInstant(at);
  if (monthOf(commandDate(at)) <= period) {
    const offset = /(Z|[+-]\d{2}:\d{2})$/i.exec(at)?.[1].toUpperCase() ?? 'Z';
    const end = `${addMonths(period, 1)}-01T00:00:00${offset}`;
    throw invalid(
      'period_not_ended',
      `Period ${period} has not ended at ${at}; services are invoiced in arrears, so it can be invoiced from ${end}`,
      { field: 'period', periodEndsAt: end },
    );
  }
}

/**
 * A gross charge above the monthly charge in force (extra work, a back-charge) is recorded only
 * with the reason for it, so the excess is explained where it is paid; an invoice at or below the
 * charge carries no such reason, so a recorded reason always marks an overcharge.
 */
function overchargeReasonOf(gross: Money, monthlyCharge: Money, reason: unknown): string | undefined {
  const given = reason !== undefined && reason !== null;
  if (gross.amountMinor <= monthlyCharge.amountMinor) {
    if (!given) return undefined;
    throw invalid(
      'overcharge_reason_without_overcharge',
      `overchargeReason is only for a gross charge above the monthly charge of ${monthlyCharge.amountMinor} ` +
        `minor units; this invoice charges ${gross.amountMinor}`,
      { field: 'overchargeReason', monthlyCharge },
    );
  }
  if (!given) {
    throw invalid(
      'overcharge_reason_required',
      `The gross charge of ${gross.amountMinor} minor units exceeds the monthly charge of ` +
        `${monthlyCharge.amountMinor}; an invoice above the monthly charge needs an overchargeReason`,
      { field: 'overchargeReason', monthlyCharge },
    );
  }
  return requireText(reason, 'overchargeReason', 'text_required');
}

export function decideInvoice(command: RecordInvoice, state: ContractState): InvoiceRecorded[] {
  const s = requireStatus(state, command.data.contractId, SETTLEABLE, 'contract_not_settleable', 'invoicing');
  const invoiceId = requireText(command.data.invoiceId, 'invoiceId', 'text_required');
  const period = requirePeriodWithin(s, command.data.period);
  requirePeriodEnded(period, command.at);
  const gross = requireMoneyIn(command.data.grossCharge, contractCurrency(s), 'grossCharge');
  const overchargeReason = overchargeReasonOf(gross, s.monthlyCharge, command.data.overchargeReason);
  const existing = s.settlements[period];
  if (existing !== undefined) {
    throw conflict('period_already_invoiced', `Period ${period} is already invoiced (invoice ${existing.invoiceId})`, {
      period,
      invoiceId: existing.invoiceId,
    });
  }
  const reused = Object.values(s.settlements).find((x) => x.invoiceId === invoiceId);
  if (reused !== undefined) {
    throw conflict('duplicate_invoice_id', `Invoice ${invoiceId} is already recorded for period ${reused.period}`, {
      invoiceId,
    });
  }
  const slaCredits = periodSlaCredits(s.measurements, period, contractCurrency(s));
  const figures = settlementFigures(gross, slaCredits, s.monthlyCharge, s.creditCapPercent);
  const data = {
    contractId: s.contractId,
    invoiceId,
    period,
    ...figures,
    ...(overchargeReason !== undefined && { overchargeReason }),
    recordedBy: command.actor,
    recordedAt: command.at,
  };
  return [{ type: 'InvoiceRecorded', data }];
}

/**
 * The recalculation a new or corrected measurement causes when its period is invoiced but not yet
 * approved: emitted on every such change (even when the figures stay the same), so the log shows it.
 * The contract-wide cap uses the monthly charge in force at recalculation.
 */
export function recalculation(
  s: ExistingContract,
  changed: Pick<MeasurementRecord, 'slaId' | 'period' | 'credit'>,
  actor: string,
  at: string,
): SettlementRecalculated[] {
  const settlement = s.settlements[changed.period];
  if (settlement === undefined || settlement.status !== 'invoiced') return [];
  const measurements = { ...s.measurements, [measurementKey(changed.slaId, changed.period)]: changed };
  const slaCredits = periodSlaCredits(measurements, changed.period, contractCurrency(s));
  const figures = settlementFigures(settlement.gross, slaCredits, s.monthlyCharge, s.creditCapPercent);
  const data = {
    contractId: s.contractId,
    invoiceId: settlement.invoiceId,
    period: changed.period,
    ...figures,
    previous: { credits: settlement.credits, net: settlement.net },
    recalculatedBy: actor,
    recalculatedAt: at,
  };
  return [{ type: 'SettlementRecalculated', data }];
}

export function decideApprove(command: ApproveSettlement, state: ContractState): SettlementApproved[] {
  const s = requireStatus(
    state,
    command.data.contractId,
    SETTLEABLE,
    'contract_not_settleable',
    'approving a settlement',
  );
  const period = requirePeriodWithin(s, command.data.period);
  const settlement = requireSettlement(s, period);
  if (settlement.status !== 'invoiced') {
    throw conflict(
      'settlement_already_approved',
      `The settlement of period ${period} is already ${settlement.status}`,
      {
        period,
        currentStatus: settlement.status,
      },
    );
  }
  if (sameSubject(settlement.recordedBy, command.actor)) {
    throw forbidden(
      'segregation_of_duties',
      `The settlement of period ${period} must be approved by someone other than ${command.actor}, who recorded the invoice`,
      { period, recordedBy: settlement.recordedBy },
    );
  }
  const { invoiceId, gross, slaCredits, credits, net } = settlement;
  const data = {
    contractId: s.contractId,
    invoiceId,
    period,
    gross,
    slaCredits,
    credits,
    net,
    approvedBy: command.actor,
    approvedAt: command.at,
  };
  return [{ type: 'SettlementApproved', data }];
}

export function decidePayment(command: RecordPayment, state: ContractState): PaymentRecorded[] {
  const s = requireStatus(state, command.data.contractId, SETTLEABLE, 'contract_not_settleable', 'recording a payment');
  const period = requirePeriodWithin(s, command.data.period);
  const settlement = requireSettlement(s, period);
  if (settlement.status === 'invoiced') {
    throw conflict('settlement_not_approved', `The settlement of period ${period} must be approved before payment`, {
      period,
    });
  }
  if (settlement.status === 'paid') {
    throw conflict(
      'settlement_already_paid',
      `The settlement of period ${period} is already paid (${settlement.paymentRef})`,
      {
        period,
      },
    );
  }
  const amount = requireMoneyIn(command.data.amount, contractCurrency(s), 'amount');
  const paymentRef = requireText(command.data.paymentRef, 'paymentRef', 'text_required');
  if (amount.amountMinor !== settlement.net.amountMinor) {
    throw invalid(
      'payment_amount_mismatch',
      `A payment must equal the net payable of ${settlement.net.amountMinor} minor units for period ${period}; got ${amount.amountMinor}`,
      { field: 'amount', expected: settlement.net },
    );
  }
  const data = {
    contractId: s.contractId,
    invoiceId: settlement.invoiceId,
    period,
    amount,
    paymentRef,
    recordedBy: command.actor,
    paidAt: command.at,
  };
  return [{ type: 'PaymentRecorded', data }];
}
