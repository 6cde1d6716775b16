import * as c from '@spinout/domain/contract/contract.fixtures';
import { MAX_MONEY_MINOR } from '@spinout/domain';
import type { ContractEvent } from '@spinout/domain/contract';
import { foldAll, stored } from '../../test/stored';
import { compliance, projectContract } from './contracts.projection';
import type { ContractRow } from './contract.row';

const project = (events: ContractEvent[]) =>
  foldAll(projectContract, stored(`contract-${c.CONTRACT_ID}`, events)) as ContractRow;
const at = (day: string) => `${day}T10:00:00+08:00`;

describe('projectContract', () => {
  it('starts from the draft with its parties and terms', () => {
    expect(project(c.history.draft())).toMatchObject({
      contractId: c.CONTRACT_ID,
      unitId: c.UNIT_ID,
      providerId: c.PROVIDER_ID,
      agency: 'Provincial Department of Finance',
      status: 'draft',
      currency: 'CNY',
      totalValueMinor: 12_000_000,
      monthlyChargeMinor: 1_000_000,
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      creditCapPercent: 15,
      slaCount: 2,
      compliancePercent: null,
      breaches: 0,
      version: 1,
    });
  });

  it('follows the lifecycle', () => {
    expect(project(c.history.active())).toMatchObject({
      status: 'active',
      signedAt: '2024-12-20T09:00:00+08:00',
      activatedAt: '2025-01-01T08:00:00+08:00',
      version: 3,
    });
    expect(project(c.history.suspended())).toMatchObject({ status: 'suspended' });
    expect(project(c.history.terminated())).toMatchObject({
      status: 'terminated',
      terminationReason: 'convenience',
      endedAt: '2025-06-01T09:00:00+08:00',
    });
  });

  it("counts breaches and credits over the latest figures, and compliance over each SLA's latest period", () => {
    const events = c.after(
      c.history.active(),
      c.measure(c.AVAILABILITY.slaId, '2025-01', 96, at('2025-02-03')), // met
      c.measure(c.RESPONSE.slaId, '2025-01', 6, at('2025-02-03')), // breached: 2 h over × 2.5 % = 5 % = 50,000
      c.measure(c.AVAILABILITY.slaId, '2025-02', 85, at('2025-03-03')), // critical: 5 % = 50,000, opens a rectification plan
      c.measure(c.RESPONSE.slaId, '2025-02', 3, at('2025-03-03')), // met
    );
    const row = project(events);
    expect(row).toMatchObject({
      measurements: 4,
      corrections: 0,
      breaches: 2,
      criticalBreaches: 1,
      creditsTotalMinor: 100_000,
      openRectifications: 1,
      latestOutcomes: {
        [c.AVAILABILITY.slaId]: { period: '2025-02', outcome: 'critically_breached' },
        [c.RESPONSE.slaId]: { period: '2025-02', outcome: 'met' },
      },
      compliancePercent: 50,
    });

    // Correcting February's availability to 96 replaces the critical breach and its credit.
    const corrected = project(c.after(events, c.correct(c.AVAILABILITY.slaId, '2025-02', 96)));
    expect(corrected).toMatchObject({
      measurements: 4,
      corrections: 1,
      breaches: 1,
      criticalBreaches: 0,
      creditsTotalMinor: 50_000,
      compliancePercent: 100,
    });
    // Correcting an earlier period leaves the latest outcomes alone.
    const older = project(c.after(events, c.correct(c.RESPONSE.slaId, '2025-01', 4)));
    expect(older).toMatchObject({ breaches: 1, creditsTotalMinor: 50_000, compliancePercent: 50 });
  });

  it('sums applied credits through recalculation, and payments', () => {
    const events = c.after(
      c.history.active(),
      c.measure(c.RESPONSE.slaId, '2025-01', 6, at('2025-02-03')),
      c.invoice('2025-01'),
      c.measure(c.AVAILABILITY.slaId, '2025-01', 92, at('2025-02-04')), // breached after the invoice: recalculated
      c.approve('2025-01'),
    );
    const approved = project(events);
    expect(approved.creditsAppliedMinor).toBe(100_000);
    const paid = project(
      c.after(
        events,
        c.command('RecordPayment', { period: '2025-01', amount: c.fen(900_000), paymentRef: 'PAY-1' }, c.FINANCE),
      ),
    );
    expect(paid.paidMinor).toBe(900_000);
  });

  it('adds payments at the largest amount allowed exactly', () => {
    const reason = 'Emergency works ordered by the agency';
    const largest = c.fen(MAX_MONEY_MINOR);
    const invoice = (period: string) => ({ invoiceId: period, period, grossCharge: largest, overchargeReason: reason });
    const settle = (period: string) => [
      c.command('RecordInvoice', invoice(period), c.FINANCE),
      c.approve(period),
      c.command('RecordPayment', { period, amount: largest, paymentRef: `PAY-${period}` }, c.FINANCE),
    ];
    const terms = { monthlyCharge: c.fen(19_800_000), totalValue: c.fen(237_600_000) };
    const row = project(c.after(c.history.active(terms), ...settle('2025-01'), ...settle('2025-02')));
    expect(row.paidMinor).toBe(2_000_000_000_000);
    expect(row.creditsAppliedMinor).toBe(0);
  });

  it('refuses a total that would leave the safe integers rather than store it rounded', () => {
    const events = c.after(c.history.active(), c.invoice('2025-01'), c.approve('2025-01'));
    const pay = c.command('RecordPayment', { period: '2025-01', amount: c.MONTHLY_CHARGE, paymentRef: 'P' }, c.FINANCE);
    const paid = c.after(events, pay).slice(events.length);
    const [payment] = stored(`contract-${c.CONTRACT_ID}`, paid, { fromVersion: events.length + 1 });
    const nearLimit = { ...project(events), paidMinor: Number.MAX_SAFE_INTEGER - 10 };
    expect(() => projectContract(nearLimit, payment)).toThrow(RangeError);
  });

  it('takes amended terms and renewals', () => {
    const amended: ContractEvent = {
      type: 'ContractAmended',
      data: {
        contractId: c.CONTRACT_ID,
        amendmentId: 'AM-1',
        version: 1,
        rationale: 'Second site',
        changes: { monthlyCharge: c.fen(1_100_000), totalValue: c.fen(13_200_000), slas: [c.AVAILABILITY] },
        amendedBy: c.OFFICER,
        amendedAt: '2025-03-01T09:00:00+08:00',
      },
    };
    const renewed: ContractEvent = {
      type: 'ContractRenewed',
      data: {
        contractId: c.CONTRACT_ID,
        previousEnd: '2025-12-31',
        newEnd: '2026-12-31',
        rationale: 'Good service',
        renewedBy: c.DIRECTOR,
        renewedAt: '2025-10-01T09:00:00+08:00',
      },
    };
    expect(project([...c.history.active(), amended, renewed])).toMatchObject({
      monthlyChargeMinor: 1_100_000,
      totalValueMinor: 13_200_000,
      slaCount: 1,
      amendments: 1,
      renewals: 1,
      periodEnd: '2026-12-31',
    });
  });

  it('computes compliance as the met share of latest outcomes', () => {
    expect(compliance({})).toBeNull();
    expect(
      compliance({
        a: { period: '2025-01', outcome: 'met' },
        b: { period: '2025-01', outcome: 'breached' },
        d: { period: '2025-01', outcome: 'met' },
      }),
    ).toBe(66.67);
  });
});
