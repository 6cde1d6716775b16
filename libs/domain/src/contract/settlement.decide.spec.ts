import { given } from '../shared/decider.testing';
import { contractDecider } from './contract.decider';
import {
  after,
  approve,
  APPROVER,
  AVAILABILITY,
  command,
  CONTRACT_ID,
  contractOf,
  correct,
  draftData,
  fen,
  FINANCE,
  history,
  invoice,
  measure,
  NOW,
  RESPONSE,
  stateOf,
} from './contract.fixtures';
import type { ContractEvent } from './contract.events';
import type { Money } from '../shared';
import type { ContractErrorCode } from './contract.errors';

type Figures = { gross: number; slaCredits: number; credits: number; net: number };
const invoiced = (period: string, figures: Figures, overchargeReason?: string): ContractEvent => ({
  type: 'InvoiceRecorded',
  data: {
    contractId: CONTRACT_ID,
    invoiceId: `INV-${period}`,
    period,
    gross: fen(figures.gross),
    slaCredits: fen(figures.slaCredits),
    credits: fen(figures.credits),
    net: fen(figures.net),
    ...(overchargeReason !== undefined && { overchargeReason }),
    recordedBy: FINANCE,
    recordedAt: NOW,
  },
});

/** May: availability 93 (breach, 50,000 fen) and response 6.5 h (linear, 62,500 fen). */
const mayMeasured = (overrides = {}) =>
  after(history.active(overrides), measure(AVAILABILITY.slaId, '2025-05', 93), measure(RESPONSE.slaId, '2025-05', 6.5));

describe('RecordInvoice', () => {
  it('settles a period without breaches at the gross charge', () => {
    const state = given(contractDecider, history.active())
      .when(invoice('2025-05'))
      .then([invoiced('2025-05', { gross: 1_000_000, slaCredits: 0, credits: 0, net: 1_000_000 })]);
    expect(contractOf(state).settlements['2025-05']).toMatchObject({
      status: 'invoiced',
      recordedBy: FINANCE,
      invoiceId: 'INV-2025-05',
    });
  });

  it('deducts the credits of the period from the latest measurements', () => {
    given(contractDecider, mayMeasured())
      .when(invoice('2025-05'))
      .then([invoiced('2025-05', { gross: 1_000_000, slaCredits: 112_500, credits: 112_500, net: 887_500 })]);
  });

  it('applies the contract-wide cap (10 % of the monthly charge)', () => {
    given(contractDecider, mayMeasured({ creditCapPercent: 10 }))
      .when(invoice('2025-05'))
      .then([invoiced('2025-05', { gross: 1_000_000, slaCredits: 112_500, credits: 100_000, net: 900_000 })]);
  });

  it('uses a corrected value, not the superseded one, and ignores other periods', () => {
    const events = after(
      mayMeasured(),
      correct(RESPONSE.slaId, '2025-05', 4),
      measure(AVAILABILITY.slaId, '2025-04', 80),
    );
    given(contractDecider, events)
      .when(invoice('2025-05'))
      .then([invoiced('2025-05', { gross: 1_000_000, slaCredits: 50_000, credits: 50_000, net: 950_000 })]);
  });

  it('never lets the net fall below zero', () => {
    given(contractDecider, mayMeasured())
      .when(invoice('2025-05', fen(80_000)))
      .then([invoiced('2025-05', { gross: 80_000, slaCredits: 112_500, credits: 80_000, net: 0 })]);
  });

  it.each(['suspended', 'expired', 'terminated'] as const)(
    'invoices a %s contract (final months come late)',
    (status) => {
      const [event] = contractDecider.decide(invoice('2025-04'), stateOf(history[status]()));
      expect(event.type).toBe('InvoiceRecorded');
    },
  );

  it.each(['draft', 'signed'] as const)('rejects invoicing a %s contract', (status) => {
    const error = given(contractDecider, history[status]())
      .when(invoice('2025-05'))
      .thenThrows('contract_not_settleable', 'conflict');
    // `status` is a problem+json member, so the details name the contract's status otherwise.
    expect(error.details).toEqual({
      currentStatus: status,
      allowedStatuses: ['active', 'suspended', 'expired', 'terminated'],
    });
  });

  it('rejects invoicing a contract that does not exist', () => {
    given(contractDecider, []).when(invoice('2025-05')).thenThrows('contract_not_found', 'not_found');
  });

  const MAX_SAFE_FEN = { amountMinor: Number.MAX_SAFE_INTEGER, currency: 'CNY' };

  it.each<[string, string, Money, string, ContractErrorCode]>([
    ['an empty invoice id', '2025-05', fen(1), '', 'text_required'],
    ['a malformed period', '2025/05', fen(1), 'INV-X', 'invalid_period'],
    ['a period outside the contract', '2026-02', fen(1), 'INV-X', 'period_outside_contract'],
    ['a charge in another currency', '2025-05', { amountMinor: 100, currency: 'USD' }, 'INV-X', 'currency_mismatch'],
    ['a negative charge', '2025-05', { amountMinor: -1, currency: 'CNY' }, 'INV-X', 'invalid_money'],
    ['a charge beyond the money bound', '2025-05', MAX_SAFE_FEN, 'INV-X', 'money_out_of_range'],
  ])('rejects %s', (_name, period, gross, invoiceId, code) => {
    given(contractDecider, history.active())
      .when(invoice(period, gross, invoiceId))
      .thenThrows(code, 'invalid');
  });

  it('rejects invoicing the month that is still running: services are invoiced in arrears', () => {
    const error = given(contractDecider, history.active())
      .when(invoice('2025-06'))
      .thenThrows('period_not_ended', 'invalid');
    expect(error.message).toBe(
      'Period 2025-06 has not ended at 2025-06-15T10:00:00+08:00; services are invoiced in arrears, ' +
        'so it can be invoiced from 2025-07-01T00:00:00+08:00',
    );
    expect(error.details).toEqual({ field: 'period', periodEndsAt: '2025-07-01T00:00:00+08:00' });
  });

  it('rejects invoicing a month that has not begun', () => {
    given(contractDecider, history.active()).when(invoice('2025-09')).thenThrows('period_not_ended', 'invalid');
  });

  const invoiceMayAt = (at: string) =>
    command('RecordInvoice', { invoiceId: 'INV-5', period: '2025-05', grossCharge: fen(1_000_000) }, FINANCE, at);

  it.each([
    '2025-05-31T23:59:59.999Z',
    '2025-05-31T23:59:59+08:00',
    '2025-05-31T16:30:00-09:30', // 1 June in UTC and in Beijing, still 31 May where it was issued
  ])('rejects invoicing May at %s, before the month ended where the command was issued', (at) => {
    given(contractDecider, history.active()).when(invoiceMayAt(at)).thenThrows('period_not_ended', 'invalid');
  });

  it.each([
    '2025-06-01T00:00:00Z',
    // 2025-05-31T16:00Z: midnight in Beijing, eight hours before it in UTC.
    '2025-06-01T00:00:00+08:00',
  ])('invoices May from midnight on 1 June where the command was issued: %s', (at) => {
    const [event] = contractDecider.decide(invoiceMayAt(at), stateOf(history.active()));
    expect(event).toMatchObject({ type: 'InvoiceRecorded', data: { period: '2025-05', recordedAt: at } });
  });

  it('rejects a command time that names no instant', () => {
    given(contractDecider, history.active())
      .when(invoiceMayAt('2025-06-15T10:00:00'))
      .thenThrows('invalid_command_time', 'invalid');
  });

  describe('above the monthly charge', () => {
    const overcharge = (overchargeReason?: string, gross = fen(1_250_000)) => {
      const data = { invoiceId: 'INV-2025-05', period: '2025-05', grossCharge: gross, overchargeReason };
      return command('RecordInvoice', data, FINANCE);
    };
    const REASON = 'Extra cleaning after the May flood, ordered by the agency (work order WO-118)';

    it('records the reason for a gross charge above the monthly charge', () => {
      const state = given(contractDecider, history.active())
        .when(overcharge(REASON))
        .then([invoiced('2025-05', { gross: 1_250_000, slaCredits: 0, credits: 0, net: 1_250_000 }, REASON)]);
      expect(contractOf(state).settlements['2025-05']).toMatchObject({ overchargeReason: REASON, status: 'invoiced' });
    });

    it('refuses a gross charge above the monthly charge without a reason', () => {
      const error = given(contractDecider, history.active())
        .when(overcharge())
        .thenThrows('overcharge_reason_required', 'invalid');
      expect(error.message).toBe(
        'The gross charge of 1250000 minor units exceeds the monthly charge of 1000000; ' +
          'an invoice above the monthly charge needs an overchargeReason',
      );
      expect(error.details).toEqual({ field: 'overchargeReason', monthlyCharge: fen(1_000_000) });
    });

    it('refuses a blank reason', () => {
      given(contractDecider, history.active()).when(overcharge('  ')).thenThrows('text_required', 'invalid');
    });

    it('compares with the monthly charge in force, as amended', () => {
      const amended = after(
        history.active(),
        command('AmendContract', {
          amendmentId: 'AM-1',
          rationale: 'Wider scope',
          changes: { monthlyCharge: fen(1_300_000) },
        }),
      );
      given(contractDecider, amended)
        .when(overcharge())
        .then([invoiced('2025-05', { gross: 1_250_000, slaCredits: 0, credits: 0, net: 1_250_000 })]);
    });

    it('refuses a reason on an invoice at or below the monthly charge, so a reason always marks an overcharge', () => {
      const error = given(contractDecider, history.active())
        .when(overcharge(REASON, fen(1_000_000)))
        .thenThrows('overcharge_reason_without_overcharge', 'invalid');
      expect(error.details).toEqual({ field: 'overchargeReason', monthlyCharge: fen(1_000_000) });
    });

    it('settles the largest amount allowed exactly', () => {
      given(contractDecider, history.active())
        .when(overcharge(REASON, fen(1_000_000_000_000)))
        .then([invoiced('2025-05', { gross: 1e12, slaCredits: 0, credits: 0, net: 1e12 }, REASON)]);
    });
  });

  it('rejects a second invoice for a period', () => {
    const error = given(contractDecider, after(history.active(), invoice('2025-05')))
      .when(invoice('2025-05', fen(1), 'INV-OTHER'))
      .thenThrows('period_already_invoiced', 'conflict');
    expect(error.message).toBe('Period 2025-05 is already invoiced (invoice INV-2025-05)');
  });

  it('rejects an invoice id already used for another period', () => {
    given(contractDecider, after(history.active(), invoice('2025-04', fen(1), 'INV-7')))
      .when(invoice('2025-05', fen(1), 'INV-7'))
      .thenThrows('duplicate_invoice_id', 'conflict');
  });
});

describe('ApproveSettlement', () => {
  it('approves by someone other than the recorder', () => {
    const state = given(contractDecider, after(mayMeasured(), invoice('2025-05')))
      .when(approve('2025-05'))
      .then([
        {
          type: 'SettlementApproved',
          data: {
            contractId: CONTRACT_ID,
            invoiceId: 'INV-2025-05',
            period: '2025-05',
            gross: fen(1_000_000),
            slaCredits: fen(112_500),
            credits: fen(112_500),
            net: fen(887_500),
            approvedBy: APPROVER,
            approvedAt: NOW,
          },
        },
      ]);
    expect(contractOf(state).settlements['2025-05']).toMatchObject({
      status: 'approved',
      approvedBy: APPROVER,
      recordedBy: FINANCE,
    });
  });

  it('forbids the recorder of the invoice to approve it', () => {
    const error = given(contractDecider, after(history.active(), invoice('2025-05')))
      .when(command('ApproveSettlement', { period: '2025-05' }, FINANCE))
      .thenThrows('segregation_of_duties', 'forbidden');
    expect(error.message).toBe(
      `The settlement of period 2025-05 must be approved by someone other than ${FINANCE}, who recorded the invoice`,
    );
  });

  it.each([
    ['upper case', FINANCE.toUpperCase()],
    ['surrounding spaces', ` ${FINANCE}\t`],
    ['full-width letters', 'ｕｓｅｒ:finance-officer-1'],
  ])('forbids the recorder to approve under the same subject written in %s', (_variant, actor) => {
    const error = given(contractDecider, after(history.active(), invoice('2025-05')))
      .when(command('ApproveSettlement', { period: '2025-05' }, actor))
      .thenThrows('segregation_of_duties', 'forbidden');
    expect(error.details).toEqual({ period: '2025-05', recordedBy: FINANCE });
  });

  it('rejects approving a period without invoice', () => {
    given(contractDecider, history.active()).when(approve('2025-05')).thenThrows('settlement_not_found', 'not_found');
  });

  it('rejects approving twice', () => {
    const error = given(contractDecider, after(history.active(), invoice('2025-05'), approve('2025-05')))
      .when(approve('2025-05'))
      .thenThrows('settlement_already_approved', 'conflict');
    expect(error.details).toEqual({ period: '2025-05', currentStatus: 'approved' });
  });

  it('rejects a malformed period', () => {
    given(contractDecider, history.active()).when(approve('May')).thenThrows('invalid_period', 'invalid');
  });

  it('rejects approval on a contract never in service', () => {
    given(contractDecider, history.signed()).when(approve('2025-05')).thenThrows('contract_not_settleable', 'conflict');
  });
});

describe('RecordPayment', () => {
  const pay = (amount: Money, paymentRef = 'TREASURY-2025-06-0031') =>
    command('RecordPayment', { period: '2025-05', amount, paymentRef }, FINANCE);
  const approved = () => after(mayMeasured(), invoice('2025-05'), approve('2025-05'));

  it('records the exact net payable', () => {
    const state = given(contractDecider, approved())
      .when(pay(fen(887_500)))
      .then([
        {
          type: 'PaymentRecorded',
          data: {
            contractId: CONTRACT_ID,
            invoiceId: 'INV-2025-05',
            period: '2025-05',
            amount: fen(887_500),
            paymentRef: 'TREASURY-2025-06-0031',
            recordedBy: FINANCE,
            paidAt: NOW,
          },
        },
      ]);
    expect(contractOf(state).settlements['2025-05']).toMatchObject({
      status: 'paid',
      paidAmount: fen(887_500),
      paymentRef: 'TREASURY-2025-06-0031',
    });
  });

  it('rejects a partial payment: the amount must equal the net', () => {
    const error = given(contractDecider, approved())
      .when(pay(fen(800_000)))
      .thenThrows('payment_amount_mismatch', 'invalid');
    expect(error.message).toBe(
      'A payment must equal the net payable of 887500 minor units for period 2025-05; got 800000',
    );
  });

  it('rejects a payment in another currency', () => {
    given(contractDecider, approved())
      .when(pay({ amountMinor: 887_500, currency: 'USD' }))
      .thenThrows('currency_mismatch', 'invalid');
  });

  it('rejects a payment without a reference', () => {
    given(contractDecider, approved())
      .when(pay(fen(887_500), ''))
      .thenThrows('text_required', 'invalid');
  });

  it('rejects paying an unapproved settlement', () => {
    given(contractDecider, after(mayMeasured(), invoice('2025-05')))
      .when(pay(fen(887_500)))
      .thenThrows('settlement_not_approved', 'conflict');
  });

  it('rejects paying twice', () => {
    given(contractDecider, after(approved(), pay(fen(887_500))))
      .when(pay(fen(887_500)))
      .thenThrows('settlement_already_paid', 'conflict');
  });

  it('rejects paying a period without invoice', () => {
    given(contractDecider, history.active())
      .when(pay(fen(1)))
      .thenThrows('settlement_not_found', 'not_found');
  });

  it('rejects payment on a draft', () => {
    given(contractDecider, history.draft())
      .when(pay(fen(1)))
      .thenThrows('contract_not_settleable', 'conflict');
  });
});

describe('a contract year in one story', () => {
  it('folds drafting, service, a correction, settlement and expiry into one state', () => {
    const events = after(
      [],
      command('DraftContract', draftData(), FINANCE, '2024-12-10T09:00:00+08:00'),
      command('SignContract', { providerEligible: true }, APPROVER, '2024-12-20T09:00:00+08:00'),
      command('ActivateContract', {}, APPROVER, '2025-01-01T08:00:00+08:00'),
      measure(AVAILABILITY.slaId, '2025-05', 85),
      invoice('2025-05'),
      correct(AVAILABILITY.slaId, '2025-05', 92),
      approve('2025-05'),
      command('RecordPayment', { period: '2025-05', amount: fen(950_000), paymentRef: 'T-1' }, FINANCE),
      command('ExpireContract', {}, APPROVER, '2026-01-02T09:00:00+08:00'),
    );
    expect(events.map((e) => e.type)).toEqual([
      'ContractDrafted',
      'ContractSigned',
      'ContractActivated',
      'SlaMeasurementRecorded',
      'RectificationPlanOpened',
      'InvoiceRecorded',
      'SlaMeasurementCorrected',
      'SettlementRecalculated',
      'SettlementApproved',
      'PaymentRecorded',
      'ContractExpired',
    ]);
    const state = contractOf(stateOf(events));
    expect(state.status).toBe('expired');
    expect(state.settlements['2025-05']).toMatchObject({
      gross: fen(1_000_000),
      credits: fen(50_000),
      net: fen(950_000),
      status: 'paid',
    });
    expect(state.measurements['vehicle-availability:2025-05']).toMatchObject({
      value: 92,
      outcome: 'breached',
      corrected: true,
    });
    expect(state.rectifications['vehicle-availability:2025-05'].status).toBe('open');
  });
});
