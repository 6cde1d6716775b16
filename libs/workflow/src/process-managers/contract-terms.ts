/** Pure date arithmetic for contract terms, on YYYY-MM-DD strings (no clock, no time zones). */

/** Without a stated period: from the first day of the month after the award, for three years. */
export function defaultContractPeriod(awardedAt: string): { start: string; end: string } {
  const year = Number(awardedAt.slice(0, 4));
  const month = Number(awardedAt.slice(5, 7)); // 1–12
  const startYear = month === 12 ? year + 1 : year;
  const startMonth = month === 12 ? 1 : month + 1;
  const start = `${startYear}-${pad(startMonth)}-01`;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1;
  const endYear = startMonth === 1 ? startYear + 2 : startYear + 3;
  return { start, end: `${endYear}-${pad(endMonth)}-${pad(daysInMonth(endYear, endMonth))}` };
}

/** Whole calendar months a period touches, at least 1 (2025-06-01..2028-05-31 → 36). */
export function monthsBetween(start: string, end: string): number {
  const months =
    (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
    Number(end.slice(5, 7)) -
    Number(start.slice(5, 7)) +
    1;
  return Math.max(1, months);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
