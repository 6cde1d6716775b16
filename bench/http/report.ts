/** Plain-text tables and number formats for the HTTP bench. */
import { loadavg } from 'node:os';

/** Columns listed in `right` are right-aligned (figures), the others left-aligned. */
export function printTable(rows: string[][], right: readonly number[]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  for (const row of rows) {
    process.stdout.write(
      `${row
        .map((cell, c) => (right.includes(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
}

export const rate = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-';
export const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '-');
export const ratio = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : '-');

/** "≥ 0.50 (met)" — a target printed beside a figure, never asserted. */
export function target(label: string, met: boolean | undefined): string {
  return met === undefined ? label : `${label} (${met ? 'met' : 'missed'})`;
}

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** The 1, 5 and 15 minute load averages: other work on the machine moves every figure. */
export function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(1))
    .join(' ');
}
