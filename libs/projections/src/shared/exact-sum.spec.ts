import { exactSum } from './exact-sum';

describe('exactSum', () => {
  it('adds and subtracts integers exactly', () => {
    expect(exactSum(1_000_000_000_000, 1_000_000_000_000, -1)).toBe(1_999_999_999_999);
    expect(exactSum()).toBe(0);
  });

  it('refuses a total beyond 2^53 instead of rounding it', () => {
    // 2^53 − 1 + 2 would come back as 2^53 + 0 or + 2: off by one, silently.
    expect(() => exactSum(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'refuses a term that is no safe integer: %p',
    (term) => {
      expect(() => exactSum(1, term)).toThrow(RangeError);
    },
  );
});
