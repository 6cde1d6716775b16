import { addDays, addMonths, isCalendarDate, isYearMonth } from './calendar';
import { decimalOf, roundHalfUp } from './decimal';

describe('calendar arithmetic on strings', () => {
  it.each([
    ['2025-06-15', 30, '2025-07-15'],
    ['2025-01-31', 30, '2025-03-02'],
    ['2024-02-15', 30, '2024-03-16'],
    ['2025-12-15', 30, '2026-01-14'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1900-02-28', 1, '1900-03-01'],
    ['2025-03-01', -1, '2025-02-28'],
  ])('addDays(%s, %p) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2025-06', -11, '2024-07'],
    ['2025-01', -1, '2024-12'],
    ['2024-12', 1, '2025-01'],
    ['2025-06', 0, '2025-06'],
  ])('addMonths(%s, %p) = %s', (month, count, expected) => {
    expect(addMonths(month, count)).toBe(expected);
  });

  it('recognises calendar dates and months', () => {
    expect([isCalendarDate('2024-02-29'), isCalendarDate('2025-02-29'), isCalendarDate('2025-13-01')]).toEqual([true, false, false]);
    expect([isYearMonth('2025-12'), isYearMonth('2025-13'), isYearMonth('2025-1')]).toEqual([true, false, false]);
  });
});

describe('exact decimals', () => {
  it.each([
    [92.3, 923n, 1],
    [1e-7, 1n, 7],
    [1.5e21, 1_500_000_000_000_000_000_000n, 0],
    [-2.5, -25n, 1],
  ])('decimalOf(%p)', (value, units, scale) => {
    expect(decimalOf(value)).toEqual({ units, scale });
  });

  it.each([
    [2.5, 3n],
    [2.4999, 2n],
    [-2.5, -3n],
    [0.5, 1n],
  ])('roundHalfUp(%p) = %p (half away from zero)', (value, expected) => {
    expect(roundHalfUp(decimalOf(value))).toBe(expected);
  });
});
