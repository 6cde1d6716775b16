import { defaultContractPeriod, monthsBetween } from './contract-terms';

describe('contract terms', () => {
  it('starts a default period the month after the award and runs three years', () => {
    expect(defaultContractPeriod('2025-04-14T09:00:00+08:00')).toEqual({ start: '2025-05-01', end: '2028-04-30' });
    expect(defaultContractPeriod('2025-12-03T09:00:00Z')).toEqual({ start: '2026-01-01', end: '2028-12-31' });
    expect(defaultContractPeriod('2026-02-10T00:00:00Z')).toEqual({ start: '2026-03-01', end: '2029-02-28' });
  });

  it('counts the calendar months a period touches', () => {
    expect(monthsBetween('2025-06-01', '2028-05-31')).toBe(36);
    expect(monthsBetween('2025-06-01', '2025-06-30')).toBe(1);
    expect(monthsBetween('2025-06-15', '2025-06-20')).toBe(1);
  });
});
