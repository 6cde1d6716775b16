import { DomainError } from '../shared';
import { MAX_MEASUREMENT_MAGNITUDE, requireInUnitRange, unitRange } from './measurement-range';

function refusal(value: unknown, unit: string): DomainError {
  try {
    requireInUnitRange(value, unit, 'value');
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${String(value)} ${unit} to be refused`);
}

describe('the range an SLA unit allows', () => {
  it.each([
    ['%', 0, 100],
    ['Percent', 0, 100],
    ['％', 0, 100], // full-width, as typed with a Chinese input method
    ['h', 0, 8784],
    [' Hours ', 0, 8784],
    ['min', 0, 527_040],
    ['days', 0, 366],
    ['count', 0, MAX_MEASUREMENT_MAGNITUDE],
    ['score', -MAX_MEASUREMENT_MAGNITUDE, MAX_MEASUREMENT_MAGNITUDE],
    ['°C', -MAX_MEASUREMENT_MAGNITUDE, MAX_MEASUREMENT_MAGNITUDE],
  ])('%p allows %p to %p', (unit, min, max) => {
    expect(unitRange(unit)).toEqual({ min, max });
  });

  it('accepts values within the range, bounds included', () => {
    expect([0, 99.5, 100].map((v) => requireInUnitRange(v, '%', 'value'))).toEqual([0, 99.5, 100]);
    expect(requireInUnitRange(-18, '°C', 'value')).toBe(-18);
  });

  it.each([
    [1e308, '%'],
    [-1e308, '%'],
    [-0.01, 'h'],
    [1e308, 'score'],
    [-(MAX_MEASUREMENT_MAGNITUDE + 1), '°C'],
  ])('refuses %p in %p', (value, unit) => {
    const error = refusal(value, unit);
    expect(error).toMatchObject({ kind: 'invalid', code: 'out_of_unit_range' });
    expect(error.details).toEqual({ field: 'value', unit, ...unitRange(unit) });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '95', null])('refuses %p as no finite number', (value) => {
    expect(refusal(value, '%')).toMatchObject({ code: 'invalid_number', details: { field: 'value' } });
  });
});
