import { fen } from './contract.fixtures';
import { type CreditRule, type SlaDefinition } from './contract.values';
import { evaluateSla, evaluateSlaOutcome, percentOfMoney } from './sla-evaluation';

const sla = (overrides: Partial<SlaDefinition>): SlaDefinition => ({
  slaId: 's',
  title: 't',
  metric: 'm',
  unit: 'u',
  direction: 'higher_is_better',
  target: 95,
  criticalThreshold: 90,
  weight: 1,
  creditRule: { kind: 'fixed_percent', percentOfCharge: 5 },
  capPercent: 100,
  ...overrides,
});

describe('evaluateSlaOutcome', () => {
  const higher = sla({ direction: 'higher_is_better', target: 95, criticalThreshold: 90 });
  const lower = sla({ direction: 'lower_is_better', target: 4, criticalThreshold: 8 });

  it.each([
    [100, 'met'],
    [95, 'met'],
    [94.99, 'breached'],
    [90.01, 'breached'],
    [90, 'critically_breached'],
    [12, 'critically_breached'],
  ])('higher is better (target 95, critical 90): %p is %s', (value, outcome) => {
    expect(evaluateSlaOutcome(higher, value)).toBe(outcome);
  });

  it.each([
    [0, 'met'],
    [4, 'met'],
    [4.01, 'breached'],
    [7.99, 'breached'],
    [8, 'critically_breached'],
    [30, 'critically_breached'],
  ])('lower is better (target 4, critical 8): %p is %s', (value, outcome) => {
    expect(evaluateSlaOutcome(lower, value)).toBe(outcome);
  });

  it('handles negative metrics per direction', () => {
    const temperature = sla({ direction: 'lower_is_better', target: -18, criticalThreshold: -12 });
    expect(evaluateSlaOutcome(temperature, -20)).toBe('met');
    expect(evaluateSlaOutcome(temperature, -15)).toBe('breached');
    expect(evaluateSlaOutcome(temperature, -12)).toBe('critically_breached');
  });
});

describe('evaluateSla credits (charge 10,000.00 CNY = 1,000,000 fen)', () => {
  const charge = fen(1_000_000);
  const fixed = (percentOfCharge: number, capPercent = 100) =>
    sla({ creditRule: { kind: 'fixed_percent', percentOfCharge }, capPercent });
  const linear = (
    direction: SlaDefinition['direction'],
    target: number,
    critical: number,
    perUnitPercent: number,
    capPercent = 100,
  ) =>
    sla({ direction, target, criticalThreshold: critical, creditRule: { kind: 'linear', perUnitPercent }, capPercent });

  it.each<[string, SlaDefinition, number, string, number]>([
    ['fixed: met earns nothing', fixed(5), 95, 'met', 0],
    ['fixed: a breach costs 5 %', fixed(5), 93, 'breached', 50_000],
    ['fixed: a critical breach costs the same 5 %', fixed(5), 80, 'critically_breached', 50_000],
    ['fixed: capped by the SLA cap', fixed(5, 3), 93, 'breached', 30_000],
    ['linear higher: 2.5 points short at 2 %/point', linear('higher_is_better', 95, 90, 2), 92.5, 'breached', 50_000],
    [
      'linear higher: exact decimal shortfall 95 − 92.3 = 2.7',
      linear('higher_is_better', 95, 90, 1),
      92.3,
      'breached',
      27_000,
    ],
    [
      'linear higher: critical and capped at 10 %',
      linear('higher_is_better', 95, 90, 2, 10),
      80,
      'critically_breached',
      100_000,
    ],
    ['linear lower: 1 h over at 2.5 %/h', linear('lower_is_better', 4, 8, 2.5), 5, 'breached', 25_000],
    ['linear lower: 2.5 h over', linear('lower_is_better', 4, 8, 2.5), 6.5, 'breached', 62_500],
    [
      'linear lower: 4 h over reaches the cap exactly',
      linear('lower_is_better', 4, 8, 2.5, 10),
      8,
      'critically_breached',
      100_000,
    ],
    ['linear lower: 8 h over is capped', linear('lower_is_better', 4, 8, 2.5, 10), 12, 'critically_breached', 100_000],
    ['linear lower: met earns nothing', linear('lower_is_better', 4, 8, 2.5), 3, 'met', 0],
    ['cap 0 waives every credit', fixed(5, 0), 93, 'breached', 0],
  ])('%s', (_name, definition, value, outcome, creditMinor) => {
    expect(evaluateSla(definition, value, charge)).toEqual({ outcome, credit: fen(creditMinor) });
  });

  it('keeps the currency of the charge', () => {
    expect(evaluateSla(fixed(5), 93, { amountMinor: 1000, currency: 'EUR' }).credit).toEqual({
      amountMinor: 50,
      currency: 'EUR',
    });
  });
});

describe('rounding half-up to whole minor units', () => {
  const withRule = (
    creditRule: CreditRule,
    capPercent = 100,
    direction: SlaDefinition['direction'] = 'higher_is_better',
  ) =>
    direction === 'higher_is_better'
      ? sla({ creditRule, capPercent })
      : sla({ direction, target: 4, criticalThreshold: 8, creditRule, capPercent });

  it.each([
    ['1.5 % of 333 = 4.995 rounds up to 5', 333, 1.5, 5],
    ['1.2 % of 333 = 3.996 rounds up to 4', 333, 1.2, 4],
    ['1 % of 150 = 1.5 rounds up to 2', 150, 1, 2],
    ['1 % of 250 = 2.5 rounds up to 3', 250, 1, 3],
    ['1 % of 49 = 0.49 rounds down to 0', 49, 1, 0],
    ['1 % of 50 = 0.5 rounds up to 1', 50, 1, 1],
    ['1.005 % of 10,000 = 100.5 rounds up to 101 (binary floats would give 100)', 10_000, 1.005, 101],
  ])('fixed percent: %s', (_name, chargeMinor, percent, creditMinor) => {
    const result = evaluateSla(withRule({ kind: 'fixed_percent', percentOfCharge: percent }), 93, fen(chargeMinor));
    expect(result.credit.amountMinor).toBe(creditMinor);
  });

  it('linear: 0.35 h over × 10 % of 100 = 3.5 rounds up to 4 (binary floats would give 3)', () => {
    const result = evaluateSla(
      withRule({ kind: 'linear', perUnitPercent: 10 }, 100, 'lower_is_better'),
      4.35,
      fen(100),
    );
    expect(result.credit.amountMinor).toBe(4);
  });

  it('the SLA cap is rounded half-up too: 2.5 % of 333 = 8.325 caps a 17 fen credit at 8', () => {
    const result = evaluateSla(withRule({ kind: 'fixed_percent', percentOfCharge: 5 }, 2.5), 93, fen(333));
    expect(result.credit.amountMinor).toBe(8);
  });

  it.each([
    [1_000_000, 15, 150_000],
    [333, 2.5, 8],
    [1, 50, 1],
    [0, 10, 0],
  ])('percentOfMoney(%p fen, %p %%) = %p fen', (amount, percent, expected) => {
    expect(percentOfMoney(fen(amount), percent)).toEqual(fen(expected));
  });
});
