import { type SlaOutcome } from './contract.values';
import { checkTerminationRule } from './termination-rule';

const m = (period: string, outcome: SlaOutcome = 'critically_breached') => ({ period, outcome });

describe('checkTerminationRule', () => {
  const threeInTwelve = { criticalBreachesAllowed: 3, windowMonths: 12 };

  it.each<
    [
      string,
      { criticalBreachesAllowed: number; windowMonths: number },
      ReturnType<typeof m>[],
      string,
      boolean,
      number,
      string,
    ]
  >([
    [
      'three critical breaches in the window meet 3 in 12',
      threeInTwelve,
      [m('2025-02'), m('2025-03'), m('2025-04')],
      '2025-06',
      true,
      3,
      '2024-07',
    ],
    ['two are not enough', threeInTwelve, [m('2025-02'), m('2025-03')], '2025-06', false, 2, '2024-07'],
    [
      'plain breaches do not count',
      threeInTwelve,
      [m('2025-02'), m('2025-03'), m('2025-04', 'breached')],
      '2025-06',
      false,
      2,
      '2024-07',
    ],
    [
      'a breach before the window does not count',
      threeInTwelve,
      [m('2024-06'), m('2025-03'), m('2025-04')],
      '2025-06',
      false,
      2,
      '2024-07',
    ],
    [
      'the first month of the window counts',
      threeInTwelve,
      [m('2024-07'), m('2025-03'), m('2025-04')],
      '2025-06',
      true,
      3,
      '2024-07',
    ],
    [
      'the month of the decision counts',
      threeInTwelve,
      [m('2025-06'), m('2025-03'), m('2025-04')],
      '2025-06',
      true,
      3,
      '2024-07',
    ],
    [
      'two SLAs critical in one month count twice',
      threeInTwelve,
      [m('2025-03'), m('2025-03'), m('2025-04')],
      '2025-06',
      true,
      3,
      '2024-07',
    ],
    [
      '1 in 1: only the current month',
      { criticalBreachesAllowed: 1, windowMonths: 1 },
      [m('2025-05')],
      '2025-06',
      false,
      0,
      '2025-06',
    ],
    [
      '2 in 3 across a year end',
      { criticalBreachesAllowed: 2, windowMonths: 3 },
      [m('2024-11'), m('2024-12'), m('2025-01')],
      '2025-01',
      true,
      3,
      '2024-11',
    ],
  ])('%s', (_name, rule, measurements, asOf, met, criticalBreaches, fromPeriod) => {
    expect(checkTerminationRule(rule, measurements, asOf)).toEqual({
      met,
      criticalBreaches,
      fromPeriod,
      toPeriod: asOf,
    });
  });
});
