import { invalid } from './contract.errors';
import { requireFiniteNumber } from './input-rules';

/**
 * The values an SLA's unit allows. Units are free text on the SLA; the ones recognised here carry
 * their natural range (a share cannot exceed 100 %, a duration or a count cannot be negative) and
 * any other unit (a survey score, a temperature) is only kept to a sane magnitude. The range
 * applies to every measured value and correction, and to the SLA's own target and critical
 * threshold, so a value outside it can never open a rectification plan or earn a credit.
 */

export interface UnitRange {
  readonly min: number;
  readonly max: number;
}

/** The largest magnitude any measurement may have, whatever its unit: far beyond real metrics, far from overflow. */
export const MAX_MEASUREMENT_MAGNITUDE = 1_000_000_000;

/** A duration measured for a month never exceeds a (leap) year, even as a mean over late requests. */
const HOURS_IN_A_LEAP_YEAR = 366 * 24;

const RANGES: readonly { readonly units: readonly string[]; readonly range: UnitRange }[] = [
  { units: ['%', 'percent', 'pct'], range: { min: 0, max: 100 } },
  { units: ['d', 'day', 'days'], range: { min: 0, max: 366 } },
  { units: ['h', 'hr', 'hrs', 'hour', 'hours'], range: { min: 0, max: HOURS_IN_A_LEAP_YEAR } },
  { units: ['min', 'mins', 'minute', 'minutes'], range: { min: 0, max: HOURS_IN_A_LEAP_YEAR * 60 } },
  { units: ['count', 'number', 'times'], range: { min: 0, max: MAX_MEASUREMENT_MAGNITUDE } },
];

const ANY_UNIT: UnitRange = { min: -MAX_MEASUREMENT_MAGNITUDE, max: MAX_MEASUREMENT_MAGNITUDE };

/** The range of a unit as written on an SLA (case, width and surrounding spaces do not matter). */
export function unitRange(unit: string): UnitRange {
  const key = unit.normalize('NFKC').trim().toLowerCase();
  return RANGES.find((entry) => entry.units.includes(key))?.range ?? ANY_UNIT;
}

/** A finite number within the range of `unit`, or an `invalid` refusal naming the field. */
export function requireInUnitRange(value: unknown, unit: string, field: string): number {
  const number = requireFiniteNumber(value, field);
  const { min, max } = unitRange(unit);
  if (number < min || number > max) {
    const message = `${field} must lie from ${min} to ${max} for a value in "${unit}"; got ${number}`;
    throw invalid('out_of_unit_range', message, { field, unit, min, max });
  }
  return number;
}
