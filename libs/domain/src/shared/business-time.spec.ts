import {
  calendarDateIn,
  DEFAULT_BUSINESS_TIME_ZONE,
  endOfDayIn,
  isTimeZone,
  zoneOffsetMinutes,
  startOfDayIn,
  zonedInstant,
} from './business-time';
import { commandDate } from './input-rules';

const at = (iso: string) => Date.parse(iso);

describe('business time', () => {
  it('is Beijing time unless configured otherwise', () => {
    expect(DEFAULT_BUSINESS_TIME_ZONE).toBe('Asia/Shanghai');
  });

  it('puts an event at 2025-06-30T16:30Z on 1 July in Beijing, and a command then on that date', () => {
    const instant = zonedInstant(at('2025-06-30T16:30:00Z'), 'Asia/Shanghai');
    expect(instant).toBe('2025-07-01T00:30:00.000+08:00');
    expect(Date.parse(instant)).toBe(at('2025-06-30T16:30:00Z'));
    expect(commandDate(instant)).toBe('2025-07-01');
    expect(calendarDateIn(at('2025-06-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2025-07-01');
    expect(calendarDateIn(at('2025-06-30T16:30:00Z'), 'UTC')).toBe('2025-06-30');
    expect(calendarDateIn(at('2025-06-30T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2025-06-30');
  });

  it('writes the offset the zone has at that instant, across summer time', () => {
    expect(zonedInstant(at('2025-01-15T12:00:00.250Z'), 'Europe/London')).toBe('2025-01-15T12:00:00.250+00:00');
    expect(zonedInstant(at('2025-07-15T12:00:00.250Z'), 'Europe/London')).toBe('2025-07-15T13:00:00.250+01:00');
    expect(zonedInstant(at('2025-07-15T12:00:00Z'), 'America/St_Johns')).toBe('2025-07-15T09:30:00.000-02:30');
    expect(zonedInstant(at('2025-07-15T12:00:00Z'), 'UTC')).toBe('2025-07-15T12:00:00.000+00:00');
    expect(zoneOffsetMinutes(at('2025-03-30T00:59:59Z'), 'Europe/London')).toBe(0);
    expect(zoneOffsetMinutes(at('2025-03-30T01:00:00Z'), 'Europe/London')).toBe(60);
  });

  it('round-trips every hour of a year as the same instant', () => {
    for (let hour = 0; hour < 366 * 24; hour += 1) {
      const epochMs = at('2024-01-01T00:00:00Z') + hour * 3_600_000 + 123;
      for (const zone of ['Asia/Shanghai', 'Europe/London', 'America/New_York']) {
        expect(Date.parse(zonedInstant(epochMs, zone))).toBe(epochMs);
      }
    }
  });

  it('bounds a day in the zone: its first and last millisecond', () => {
    expect(new Date(startOfDayIn('2025-07-01', 'Asia/Shanghai')).toISOString()).toBe('2025-06-30T16:00:00.000Z');
    expect(new Date(endOfDayIn('2025-07-01', 'Asia/Shanghai')).toISOString()).toBe('2025-07-01T15:59:59.999Z');
    expect(new Date(endOfDayIn('2025-12-31', 'UTC')).toISOString()).toBe('2025-12-31T23:59:59.999Z');
    // A 23-hour and a 25-hour day in London.
    expect(endOfDayIn('2025-03-30', 'Europe/London') + 1 - startOfDayIn('2025-03-30', 'Europe/London')).toBe(
      23 * 3_600_000,
    );
    expect(endOfDayIn('2025-10-26', 'Europe/London') + 1 - startOfDayIn('2025-10-26', 'Europe/London')).toBe(
      25 * 3_600_000,
    );
    // A day that starts at 01:00 because midnight is skipped (Santiago, September 2025).
    expect(zonedInstant(startOfDayIn('2025-09-07', 'America/Santiago'), 'America/Santiago')).toBe(
      '2025-09-07T01:00:00.000-03:00',
    );
  });

  it('knows IANA zones and refuses anything else', () => {
    expect(['Asia/Shanghai', 'UTC', 'Asia/Urumqi', 'Europe/London'].every(isTimeZone)).toBe(true);
    expect(
      ['', ' Asia/Shanghai', 'Asia/Beijing', 'Mars/Olympus', 'Asia/Shanghai\u0000', '+08:00x'].some(isTimeZone),
    ).toBe(false);
  });
});
