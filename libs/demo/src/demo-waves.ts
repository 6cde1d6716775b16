import type { DemoWave } from './demo-units';
import { addDays } from './demo-timeline';

/**
 * The programme's calendar: when each wave's units pass each step. A unit's dates are its wave's
 * plus its position in the wave in days, so the units of a wave move a day apart rather than
 * all at once. Contracts of the pilot wave run from 2025-01-01 and are measured through 2025.
 */
export interface WaveCalendar {
  readonly proposed: string;
  readonly rejected: string;
  readonly revised: string;
  readonly approved: string;
  readonly staffPlanned: string;
  readonly chargeBackLive: string;
  readonly tendered: string;
  readonly tenderFailed: string;
  readonly awarded: string;
  readonly drafted: string;
  readonly signed: string;
  readonly activated: string;
  readonly handedOver: string;
  readonly staffSettled: string;
  readonly completed: string;
  readonly contractPeriod: { readonly start: string; readonly end: string };
  /** Milestone due dates: plan approval, tender, award, handover. */
  readonly due: {
    readonly plan_approval: string;
    readonly tender: string;
    readonly award: string;
    readonly handover: string;
  };
}

/** Every unit is registered in the programme's opening inventory, one a day from this date. */
export const INVENTORY_START = '2024-01-08';

const WAVES: Readonly<Record<DemoWave, WaveCalendar>> = {
  pilot: {
    proposed: '2024-02-05',
    rejected: '2024-02-26',
    revised: '2024-03-01',
    approved: '2024-03-04',
    staffPlanned: '2024-04-08',
    chargeBackLive: '2024-07-01',
    tendered: '2024-05-06',
    tenderFailed: '2024-08-05',
    awarded: '2024-09-09',
    drafted: '2024-09-10',
    signed: '2024-11-04',
    activated: '2024-12-16',
    handedOver: '2025-01-06',
    staffSettled: '2025-01-20',
    completed: '2025-01-27',
    contractPeriod: { start: '2025-01-01', end: '2027-12-31' },
    due: { plan_approval: '2024-03-31', tender: '2024-06-30', award: '2024-09-30', handover: '2025-01-31' },
  },
  second: {
    proposed: '2024-10-08',
    rejected: '2024-10-28',
    revised: '2024-11-04',
    approved: '2024-11-11',
    staffPlanned: '2025-01-13',
    chargeBackLive: '2025-07-01',
    tendered: '2025-03-03',
    tenderFailed: '2025-06-30',
    awarded: '2025-11-17',
    drafted: '2025-11-18',
    signed: '2025-12-15',
    activated: '2026-02-23',
    handedOver: '2026-03-09',
    staffSettled: '2026-03-16',
    completed: '2026-03-30',
    contractPeriod: { start: '2026-03-01', end: '2029-02-28' },
    due: { plan_approval: '2024-11-30', tender: '2025-03-31', award: '2025-10-31', handover: '2026-03-31' },
  },
  late: {
    proposed: '2025-09-01',
    rejected: '2025-10-13',
    revised: '2025-12-01',
    approved: '2026-01-12',
    staffPlanned: '2026-02-02',
    chargeBackLive: '2026-04-01',
    tendered: '2026-03-02',
    tenderFailed: '2026-06-01',
    awarded: '2026-07-06',
    drafted: '2026-07-07',
    signed: '2026-08-03',
    activated: '2026-08-24',
    handedOver: '2026-09-07',
    staffSettled: '2026-09-14',
    completed: '2026-09-28',
    contractPeriod: { start: '2026-09-01', end: '2029-08-31' },
    due: { plan_approval: '2025-12-31', tender: '2026-04-30', award: '2026-07-31', handover: '2026-09-30' },
  },
};

/** A unit's calendar: its wave's dates moved by its position in the wave. */
export function calendarOf(wave: DemoWave, position: number): WaveCalendar {
  const calendar = WAVES[wave];
  const shifted = Object.fromEntries(
    Object.entries(calendar).map(([step, date]) => [step, typeof date === 'string' ? addDays(date, position) : date]),
  );
  return { ...calendar, ...shifted };
}
