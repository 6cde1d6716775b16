/**
 * Time in the demo programme. Every step is booked on a calendar date; the timeline plays the
 * steps in date order (booking order within a day), and the clock gives each command an instant
 * on its date that is later than the previous command's, so time only moves forward through the
 * programme and every stream's events carry increasing times. All dates are fixed: nothing here
 * reads the machine's clock.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `date` plus `days` calendar days (YYYY-MM-DD, computed in UTC so no time zone can shift it). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Day `day` of the month after `period` (YYYY-MM): when that period is measured, invoiced, settled. */
export function dayAfterPeriod(period: string, day: number): string {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

/** The months from `first` to `last` inclusive, as YYYY-MM. */
export function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number);
  while (`${year}-${pad(month)}` <= last) {
    months.push(`${year}-${pad(month)}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Instants on the demo's dates: office hours in China Standard Time, one second apart. */
export class DemoClock {
  private day = '';
  private tick = 0;

  next(date: string): string {
    if (!DATE.test(date)) throw new Error(`Demo dates are written YYYY-MM-DD; got "${date}"`);
    if (date < this.day) throw new Error(`Demo time went back from ${this.day} to ${date}`);
    this.tick = date === this.day ? this.tick + 1 : 0;
    this.day = date;
    const seconds = 9 * 3600 + this.tick;
    if (seconds >= 24 * 3600) throw new Error(`Too many demo commands on ${date}`);
    const time = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map(pad).join(':');
    return `${date}T${time}+08:00`;
  }
}

/** Steps booked on dates, played in date order; within a date, in the order they were booked. */
export class DemoTimeline {
  private readonly entries: { date: string; order: number; run: () => Promise<unknown> }[] = [];

  on(date: string, run: () => Promise<unknown>): void {
    if (!DATE.test(date)) throw new Error(`Demo dates are written YYYY-MM-DD; got "${date}"`);
    this.entries.push({ date, order: this.entries.length, run });
  }

  async play(): Promise<void> {
    const ordered = [...this.entries].sort((a, b) =>
      a.date === b.date ? a.order - b.order : a.date < b.date ? -1 : 1,
    );
    for (const entry of ordered) await entry.run();
  }
}
