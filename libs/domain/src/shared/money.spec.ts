import { DomainError } from './domain-error';
import { assertMoney, MAX_MONEY_MINOR, money } from './money';

function refusal(amountMinor: number, currency = 'CNY'): DomainError {
  try {
    assertMoney({ amountMinor, currency }, 'grossCharge');
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${amountMinor} ${currency} to be refused`);
}

describe('money', () => {
  it('accepts whole minor units from zero up to the bound', () => {
    expect(money(0)).toEqual({ amountMinor: 0, currency: 'CNY' });
    expect(money(MAX_MONEY_MINOR, 'USD')).toEqual({ amountMinor: 1_000_000_000_000, currency: 'USD' });
  });

  it('keeps the bound far enough inside 2^53 that thousands of amounts add up exactly', () => {
    expect(Number.isSafeInteger(9_000 * MAX_MONEY_MINOR)).toBe(true);
  });

  it.each([
    ['one minor unit above the bound', MAX_MONEY_MINOR + 1],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER],
    ['a whole number beyond the safe integers', 1e20],
  ])('refuses %s as out of range, naming the field', (_name, amountMinor) => {
    const error = refusal(amountMinor);
    expect(error).toMatchObject({ kind: 'invalid', code: 'money_out_of_range' });
    expect(error.message).toBe(
      `grossCharge must be at most 1000000000000 minor units (10 billion in major units); got ${amountMinor}`,
    );
    expect(error.details).toEqual({ field: 'grossCharge', max: MAX_MONEY_MINOR });
  });

  it.each([
    ['a fraction', 1.5],
    ['a negative amount', -1],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
  ])('refuses %s as invalid money', (_name, amountMinor) => {
    expect(refusal(amountMinor)).toMatchObject({ code: 'invalid_money', details: { field: 'grossCharge' } });
  });

  it('refuses a malformed currency', () => {
    expect(refusal(100, 'yuan')).toMatchObject({ code: 'invalid_currency', details: { field: 'grossCharge' } });
  });
});
