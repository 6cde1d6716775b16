import { zonedInstant } from '../shared/business-time';
import { given } from '../shared/decider.testing';
import { contractDecider } from './contract.decider';
import {
  after,
  approve,
  AVAILABILITY,
  command,
  CONTRACT_ID,
  contractOf,
  correct,
  DIRECTOR,
  fen,
  history,
  invoice,
  measure,
  NOW,
  OFFICER,
  RESPONSE,
  stateOf,
  terminated,
} from './contract.fixtures';
import type { ContractEvent } from './contract.events';
import type { SlaOutcome } from './contract.values';
import type { ContractErrorCode } from './contract.errors';

const availability = {
  contractId: CONTRACT_ID,
  slaId: AVAILABILITY.slaId,
  direction: 'higher_is_better',
  target: 95,
  criticalThreshold: 90,
} as const;
const response = {
  contractId: CONTRACT_ID,
  slaId: RESPONSE.slaId,
  direction: 'lower_is_better',
  target: 4,
  criticalThreshold: 8,
} as const;
const by = { recordedBy: OFFICER, recordedAt: NOW };

describe('RecordMeasurement', () => {
  it('records a met value without credit', () => {
    const state = given(contractDecider, history.active())
      .when(measure(AVAILABILITY.slaId, '2025-05', 97.5))
      .then([
        {
          type: 'SlaMeasurementRecorded',
          data: { ...availability, period: '2025-05', value: 97.5, outcome: 'met', credit: fen(0), ...by },
        },
      ]);
    expect(contractOf(state).measurements['vehicle-availability:2025-05']).toEqual({
      slaId: AVAILABILITY.slaId,
      period: '2025-05',
      value: 97.5,
      outcome: 'met',
      credit: fen(0),
      corrected: false,
      ...by,
    });
  });

  it('records a breach (higher is better) with a fixed 5 % credit', () => {
    const state = given(contractDecider, history.active())
      .when(measure(AVAILABILITY.slaId, '2025-05', 93))
      .then([
        {
          type: 'SlaMeasurementRecorded',
          data: { ...availability, period: '2025-05', value: 93, outcome: 'breached', credit: fen(50_000), ...by },
        },
      ]);
    expect(contractOf(state).breachCounts).toEqual({ [AVAILABILITY.slaId]: { breached: 1, criticallyBreached: 0 } });
  });

  it('records a breach (lower is better) with a linear credit: 2.5 h over × 2.5 % = 6.25 %', () => {
    given(contractDecider, history.active())
      .when(measure(RESPONSE.slaId, '2025-05', 6.5))
      .then([
        {
          type: 'SlaMeasurementRecorded',
          data: { ...response, period: '2025-05', value: 6.5, outcome: 'breached', credit: fen(62_500), ...by },
        },
      ]);
  });

  it('opens a rectification plan due 30 days later on a critical breach', () => {
    const state = given(contractDecider, history.active())
      .when(measure(RESPONSE.slaId, '2025-05', 12))
      .then([
        {
          type: 'SlaMeasurementRecorded',
          data: {
            ...response,
            period: '2025-05',
            value: 12,
            outcome: 'critically_breached',
            credit: fen(100_000),
            ...by,
          },
        },
        {
          type: 'RectificationPlanOpened',
          data: {
            contractId: CONTRACT_ID,
            rectificationId: 'urgent-repair-response:2025-05',
            slaId: RESPONSE.slaId,
            period: '2025-05',
            dueDate: '2025-07-15',
            openedBy: OFFICER,
            openedAt: NOW,
          },
        },
      ]);
    expect(contractOf(state).rectifications['urgent-repair-response:2025-05']).toMatchObject({
      status: 'open',
      dueDate: '2025-07-15',
    });
    expect(contractOf(state).breachCounts[RESPONSE.slaId]).toEqual({ breached: 0, criticallyBreached: 1 });
  });

  it('takes the rectification due date from the command when given', () => {
    const events = contractDecider.decide(
      command('RecordMeasurement', {
        slaId: AVAILABILITY.slaId,
        period: '2025-05',
        value: 90,
        rectificationDueDate: '2025-06-30',
      }),
      stateOf(history.active()),
    );
    expect(events[1]).toMatchObject({ type: 'RectificationPlanOpened', data: { dueDate: '2025-06-30' } });
  });

  it('records while the contract is suspended', () => {
    const [event] = contractDecider.decide(measure(AVAILABILITY.slaId, '2025-04', 96), stateOf(history.suspended()));
    expect(event.type).toBe('SlaMeasurementRecorded');
  });

  it('accepts the first and last months of the contract period', () => {
    const state = stateOf(history.active());
    expect(contractDecider.decide(measure(AVAILABILITY.slaId, '2025-01', 96), state)).toHaveLength(1);
    const lateAt = '2026-01-05T09:00:00+08:00';
    expect(contractDecider.decide(measure(AVAILABILITY.slaId, '2025-12', 96, lateAt), state)).toHaveLength(1);
  });

  it('recalculates an invoiced period that is not yet approved', () => {
    given(contractDecider, after(history.active(), invoice('2025-05')))
      .when(measure(AVAILABILITY.slaId, '2025-05', 93))
      .then([
        {
          type: 'SlaMeasurementRecorded',
          data: { ...availability, period: '2025-05', value: 93, outcome: 'breached', credit: fen(50_000), ...by },
        },
        {
          type: 'SettlementRecalculated',
          data: {
            contractId: CONTRACT_ID,
            invoiceId: 'INV-2025-05',
            period: '2025-05',
            gross: fen(1_000_000),
            slaCredits: fen(50_000),
            credits: fen(50_000),
            net: fen(950_000),
            previous: { credits: fen(0), net: fen(1_000_000) },
            recalculatedBy: OFFICER,
            recalculatedAt: NOW,
          },
        },
      ]);
  });

  it('rejects a measurement for a contract that does not exist', () => {
    given(contractDecider, [])
      .when(measure(AVAILABILITY.slaId, '2025-05', 93))
      .thenThrows('contract_not_found', 'not_found');
  });

  it.each(['signed', 'expired', 'terminated'] as const)('rejects a measurement on a %s contract', (status) => {
    given(contractDecider, history[status]())
      .when(measure(AVAILABILITY.slaId, '2025-05', 93))
      .thenThrows('contract_not_in_service', 'conflict');
  });

  it.each<[string, string, string, number, ContractErrorCode]>([
    ['an unknown SLA', 'noise-level', '2025-05', 1, 'unknown_sla'],
    ['a malformed period', AVAILABILITY.slaId, '2025-5', 93, 'invalid_period'],
    ['a period before the contract', AVAILABILITY.slaId, '2024-12', 93, 'period_outside_contract'],
    ['a period after the contract', AVAILABILITY.slaId, '2026-01', 93, 'period_outside_contract'],
    ['a period that has not begun', AVAILABILITY.slaId, '2025-07', 93, 'period_in_future'],
    ['an infinite value', AVAILABILITY.slaId, '2025-05', Number.POSITIVE_INFINITY, 'invalid_number'],
    ['a value that is not a number', AVAILABILITY.slaId, '2025-05', Number.NaN, 'invalid_number'],
  ])('rejects %s', (_name, slaId, period, value, code) => {
    given(contractDecider, history.active())
      .when(measure(slaId, period, value))
      .thenThrows(code, 'invalid');
  });

  it('counts a month as begun by the business date of the command: 2025-06-30T16:30Z is 1 July in Beijing', () => {
    const instant = Date.parse('2025-06-30T16:30:00Z');
    given(contractDecider, history.active())
      .when(measure(AVAILABILITY.slaId, '2025-07', 93, zonedInstant(instant, 'Asia/Shanghai')))
      .then([
        expect.objectContaining({
          type: 'SlaMeasurementRecorded',
          data: expect.objectContaining({ period: '2025-07', recordedAt: '2025-07-01T00:30:00.000+08:00' }),
        }),
      ]);
    given(contractDecider, history.active())
      .when(measure(AVAILABILITY.slaId, '2025-07', 93, zonedInstant(instant, 'UTC')))
      .thenThrows('period_in_future', 'invalid');
  });

  it.each([
    ['far above 100 %', AVAILABILITY.slaId, 1e308],
    ['far below 0 %', AVAILABILITY.slaId, -1e308],
    ['just above 100 %', AVAILABILITY.slaId, 100.01],
    ['a negative percentage', AVAILABILITY.slaId, -0.5],
    ['a negative number of hours', RESPONSE.slaId, -1],
    ['more hours than a year has', RESPONSE.slaId, 366 * 24 + 1],
  ])('rejects a value outside the range of the SLA unit: %s', (_name, slaId, value) => {
    given(contractDecider, history.active())
      .when(measure(slaId, '2025-05', value))
      .thenThrows('out_of_unit_range', 'invalid');
  });

  it('says which range the unit allows, and opens no rectification plan for such a value', () => {
    const error = given(contractDecider, history.active())
      .when(measure(AVAILABILITY.slaId, '2025-05', -1e308))
      .thenThrows('out_of_unit_range', 'invalid');
    expect(error.message).toBe('value must lie from 0 to 100 for a value in "%"; got -1e+308');
    expect(error.details).toEqual({ field: 'value', unit: '%', min: 0, max: 100 });
  });

  it.each([0, 100])('accepts the bounds of a percentage: %p', (value) => {
    const [event] = contractDecider.decide(measure(AVAILABILITY.slaId, '2025-05', value), stateOf(history.active()));
    expect(event).toMatchObject({ type: 'SlaMeasurementRecorded', data: { value } });
  });

  it('explains a period outside the contract', () => {
    const error = given(contractDecider, history.active())
      .when(measure(AVAILABILITY.slaId, '2026-01', 93))
      .thenThrows('period_outside_contract');
    expect(error.message).toBe('Period 2026-01 lies outside the contract period 2025-01-01 to 2025-12-31');
  });

  it.each<[string, string, ContractErrorCode]>([
    ['an impossible due date', '2025-06-31', 'invalid_date'],
    ['a due date in the past', '2025-06-14', 'due_date_in_past'],
  ])('rejects %s', (_name, rectificationDueDate, code) => {
    const record = command('RecordMeasurement', {
      slaId: AVAILABILITY.slaId,
      period: '2025-05',
      value: 85,
      rectificationDueDate,
    });
    given(contractDecider, history.active()).when(record).thenThrows(code, 'invalid');
  });

  it('rejects a second value for the same SLA and period: that is a correction', () => {
    const error = given(contractDecider, after(history.active(), measure(AVAILABILITY.slaId, '2025-05', 93)))
      .when(measure(AVAILABILITY.slaId, '2025-05', 96))
      .thenThrows('measurement_already_recorded', 'conflict');
    expect(error.message).toBe(
      'SLA vehicle-availability already has a measurement for 2025-05; send a correction with a reason to change it',
    );
  });

  it('rejects a value for a period whose settlement is approved', () => {
    given(contractDecider, after(history.active(), invoice('2025-05'), approve('2025-05')))
      .when(measure(AVAILABILITY.slaId, '2025-05', 93))
      .thenThrows('settlement_already_approved', 'conflict');
  });
});

describe('CorrectMeasurement', () => {
  const breached = () => after(history.active(), measure(AVAILABILITY.slaId, '2025-05', 93));
  const corrected = (value: number, outcome: SlaOutcome, creditMinor: number): ContractEvent => ({
    type: 'SlaMeasurementCorrected',
    data: {
      ...availability,
      period: '2025-05',
      value,
      outcome,
      credit: fen(creditMinor),
      reason: 'Audit found a counting error',
      previous: { value: 93, outcome: 'breached', credit: fen(50_000) },
      correctedBy: OFFICER,
      correctedAt: NOW,
    },
  });

  it('supersedes the value, carrying the previous figures', () => {
    const state = given(contractDecider, breached())
      .when(correct(AVAILABILITY.slaId, '2025-05', 96))
      .then([corrected(96, 'met', 0)]);
    expect(contractOf(state).measurements['vehicle-availability:2025-05']).toMatchObject({
      value: 96,
      outcome: 'met',
      credit: fen(0),
      corrected: true,
    });
    expect(contractOf(state).breachCounts[AVAILABILITY.slaId]).toEqual({ breached: 0, criticallyBreached: 0 });
  });

  it('opens a rectification plan when a correction makes the breach critical', () => {
    const events = contractDecider.decide(correct(AVAILABILITY.slaId, '2025-05', 88), stateOf(breached()));
    expect(events).toEqual([
      corrected(88, 'critically_breached', 50_000),
      {
        type: 'RectificationPlanOpened',
        data: {
          contractId: CONTRACT_ID,
          rectificationId: 'vehicle-availability:2025-05',
          slaId: AVAILABILITY.slaId,
          period: '2025-05',
          dueDate: '2025-07-15',
          openedBy: OFFICER,
          openedAt: NOW,
        },
      },
    ]);
  });

  it('opens no second plan when a critical value is corrected to another critical value', () => {
    const critical = after(history.active(), measure(AVAILABILITY.slaId, '2025-05', 85));
    const events = contractDecider.decide(correct(AVAILABILITY.slaId, '2025-05', 80), stateOf(critical));
    expect(events.map((e) => e.type)).toEqual(['SlaMeasurementCorrected']);
    expect(contractOf(stateOf([...critical, ...events])).rectifications['vehicle-availability:2025-05'].status).toBe(
      'open',
    );
  });

  it('recalculates an invoiced, unapproved period', () => {
    const events = contractDecider.decide(
      correct(AVAILABILITY.slaId, '2025-05', 96),
      stateOf(after(breached(), invoice('2025-05'))),
    );
    expect(events[1]).toEqual({
      type: 'SettlementRecalculated',
      data: {
        contractId: CONTRACT_ID,
        invoiceId: 'INV-2025-05',
        period: '2025-05',
        gross: fen(1_000_000),
        slaCredits: fen(0),
        credits: fen(0),
        net: fen(1_000_000),
        previous: { credits: fen(50_000), net: fen(950_000) },
        recalculatedBy: OFFICER,
        recalculatedAt: NOW,
      },
    });
    const settled = contractOf(
      stateOf(after(breached(), invoice('2025-05'), correct(AVAILABILITY.slaId, '2025-05', 96))),
    );
    expect(settled.settlements['2025-05']).toMatchObject({ credits: fen(0), net: fen(1_000_000), status: 'invoiced' });
  });

  it('rejects a correction after the settlement is approved', () => {
    const error = given(contractDecider, after(breached(), invoice('2025-05'), approve('2025-05')))
      .when(correct(AVAILABILITY.slaId, '2025-05', 96))
      .thenThrows('settlement_already_approved', 'conflict');
    expect(error.message).toBe(
      'The settlement of period 2025-05 is already approved; its measurements can no longer change',
    );
  });

  it('rejects correcting a measurement that does not exist', () => {
    given(contractDecider, history.active())
      .when(correct(AVAILABILITY.slaId, '2025-05', 96))
      .thenThrows('measurement_not_found', 'conflict');
  });

  it('rejects a correction without a reason', () => {
    given(contractDecider, breached())
      .when(correct(AVAILABILITY.slaId, '2025-05', 96, ' '))
      .thenThrows('text_required', 'invalid');
  });

  it.each([
    ['far above 100 %', 1e308],
    ['far below 0 %', -1e308],
    ['not a number', Number.NaN],
    ['infinite', Number.NEGATIVE_INFINITY],
  ])('rejects a corrected value %s, as it would a first value', (_name, value) => {
    const code = Number.isFinite(value) ? 'out_of_unit_range' : 'invalid_number';
    given(contractDecider, breached())
      .when(correct(AVAILABILITY.slaId, '2025-05', value))
      .thenThrows(code, 'invalid');
  });

  it('rejects a correction for an unknown SLA', () => {
    given(contractDecider, breached())
      .when(correct('noise-level', '2025-05', 1))
      .thenThrows('unknown_sla', 'invalid');
  });

  it('rejects a correction on a terminated contract', () => {
    given(contractDecider, [...breached(), terminated()])
      .when(correct(AVAILABILITY.slaId, '2025-05', 96))
      .thenThrows('contract_not_in_service', 'conflict');
  });
});

describe('CloseRectificationPlan', () => {
  const critical = () => after(history.active(), measure(RESPONSE.slaId, '2025-05', 12));
  const close = (
    rectificationId = 'urgent-repair-response:2025-05',
    evidence = 'Second on-call team in place since 2025-06-01',
  ) => command('CloseRectificationPlan', { rectificationId, evidence }, DIRECTOR);

  it('closes an open plan with evidence', () => {
    const state = given(contractDecider, critical())
      .when(close())
      .then([
        {
          type: 'RectificationPlanClosed',
          data: {
            contractId: CONTRACT_ID,
            rectificationId: 'urgent-repair-response:2025-05',
            evidence: 'Second on-call team in place since 2025-06-01',
            closedBy: DIRECTOR,
            closedAt: NOW,
          },
        },
      ]);
    expect(contractOf(state).rectifications['urgent-repair-response:2025-05']).toMatchObject({
      status: 'closed',
      closedBy: DIRECTOR,
    });
  });

  it('rejects an unknown plan', () => {
    given(contractDecider, critical())
      .when(close('urgent-repair-response:2025-04'))
      .thenThrows('rectification_not_found', 'not_found');
  });

  it('rejects closing a plan twice', () => {
    given(contractDecider, after(critical(), close()))
      .when(close())
      .thenThrows('rectification_already_closed', 'conflict');
  });

  it('rejects closing without evidence', () => {
    given(contractDecider, critical()).when(close(undefined, '')).thenThrows('text_required', 'invalid');
  });

  it('rejects closing on a contract out of service', () => {
    given(contractDecider, history.expired()).when(close()).thenThrows('contract_not_in_service', 'conflict');
  });
});

describe('breach counts over corrections', () => {
  it('counts the latest outcome per SLA and period', () => {
    const events = after(
      history.active(),
      measure(AVAILABILITY.slaId, '2025-03', 93),
      measure(AVAILABILITY.slaId, '2025-04', 85),
      measure(AVAILABILITY.slaId, '2025-05', 91),
      correct(AVAILABILITY.slaId, '2025-05', 89),
      measure(RESPONSE.slaId, '2025-05', 5),
    );
    expect(contractOf(stateOf(events)).breachCounts).toEqual({
      [AVAILABILITY.slaId]: { breached: 1, criticallyBreached: 2 },
      [RESPONSE.slaId]: { breached: 1, criticallyBreached: 0 },
    });
  });
});
