import { decimalOf, roundHalfUp } from './decimal';

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
