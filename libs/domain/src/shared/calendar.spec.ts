import { addDays, addMonths, epochMillis, isCalendarDate, isYearMonth } from './calendar';

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
    expect([isCalendarDate('2024-02-29'), isCalendarDate('2025-02-29'), isCalendarDate('2025-13-01')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isYearMonth('2025-12'), isYearMonth('2025-13'), isYearMonth('2025-1')]).toEqual([true, false, false]);
  });
});

describe('instants and month ends', () => {
  it.each([
    '2025-06-15T10:00:00+08:00',
    '2025-06-15T02:00:00Z',
    '2025-06-15T02:00:00.123Z',
    '2024-12-31T23:59:59-05:30',
    '1969-12-31T23:00:00Z',
  ])('reads %s as the instant it names', (instant) => {
    expect(epochMillis(instant)).toBe(Date.parse(instant));
  });

  it.each([
    '2025-06-15T10:00:00',
    '2025-06-15',
    '2025-02-30T10:00:00Z',
    '2025-06-15T24:00:00Z',
    '2025-06-15T10:00:00+8',
    42,
  ])('names no instant for %p (no offset, no time, or impossible)', (value) => {
    expect(epochMillis(value)).toBeUndefined();
  });
});
