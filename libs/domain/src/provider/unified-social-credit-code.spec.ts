import { DomainError } from '../shared';
import {
  creditCodeCheckCharacter,
  isUnifiedSocialCreditCode,
  parseUnifiedSocialCreditCode,
} from './unified-social-credit-code';

function refusal(input: unknown): DomainError {
  try {
    parseUnifiedSocialCreditCode(input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${String(input)} to be refused`);
}

describe('unified social credit code', () => {
  it.each([
    ['91440300093677087', 'R'],
    ['9144030071526726X', 'G'],
    ['91330100799655058', 'B'],
  ])('computes the check character of %s as %s', (first17, check) => {
    expect(creditCodeCheckCharacter(first17)).toBe(check);
  });

  it('accepts a valid code unchanged', () => {
    expect(parseUnifiedSocialCreditCode('91440300093677087R')).toBe('91440300093677087R');
  });

  it('accepts lower case and surrounding spaces, storing the canonical upper-case form', () => {
    expect(parseUnifiedSocialCreditCode(' 9144030071526726xg ')).toBe('9144030071526726XG');
  });

  it('refuses a code of the wrong length', () => {
    const error = refusal('91440300093677087');
    expect(error).toMatchObject({ kind: 'invalid', code: 'credit_code_wrong_length' });
    expect(error.message).toBe('Unified social credit code must be 18 characters; "91440300093677087" has 17');
    expect(error.details).toEqual({ field: 'creditCode', length: 17 });
  });

  it('refuses an illegal character, naming it and its position', () => {
    const error = refusal('9144O300093677087R');
    expect(error).toMatchObject({ kind: 'invalid', code: 'credit_code_illegal_character' });
    expect(error.message).toBe(
      'Unified social credit code has an illegal character "O" at position 5; ' +
        'only digits and the letters ABCDEFGHJKLMNPQRTUWXY are used (never I, O, S, V or Z)',
    );
    expect(error.details).toEqual({ field: 'creditCode', character: 'O', position: 5 });
  });

  it('refuses a wrong check character, naming the expected one', () => {
    const error = refusal('91440300093677087X');
    expect(error).toMatchObject({ kind: 'invalid', code: 'credit_code_check_mismatch' });
    expect(error.message).toBe(
      'Unified social credit code 91440300093677087X is mistyped: its check character should be R, not X',
    );
    expect(error.details).toEqual({ field: 'creditCode', expected: 'R', actual: 'X' });
  });

  it('catches a single mistyped digit through the check character', () => {
    expect(refusal('91440300093677086R').code).toBe('credit_code_check_mismatch');
  });

  describe('structure (GB 32100-2015)', () => {
    const valid = (first17: string) => first17 + creditCodeCheckCharacter(first17);

    it.each([
      ['a central-level public institution', '12100000400012345'],
      ['a social organisation registered by civil affairs in Guangdong', '51440000MJ0000001'],
      ['a sole trader in Hong Kong', '92810000MA0000001'],
      ['a farmers co-operative in Xinjiang', '93650100MA0000001'],
      ['a village collective registered by agriculture', 'N2370000MF0000001'],
      ['a body of another department', 'Y1110000MA0000001'],
    ])('accepts %s', (_name, first17) => {
      expect(isUnifiedSocialCreditCode(valid(first17))).toBe(true);
    });

    it('refuses a registration department the standard does not define, even with a correct check character', () => {
      const error = refusal('000000000000000000');
      expect(error).toMatchObject({ kind: 'invalid', code: 'credit_code_unknown_department' });
      expect(error.message).toBe(
        'Unified social credit code 000000000000000000 starts with "0", which is no registration department; ' +
          'GB 32100-2015 uses 1, 2, 3, 4, 5, 6, 7, 8, 9, A, N, Y',
      );
      expect(error.details).toEqual({ field: 'creditCode', character: '0', position: 1 });
    });

    it('refuses a category its department does not register', () => {
      const error = refusal('YYYYYYYYYYYYYYYYYT');
      expect(error).toMatchObject({ code: 'credit_code_unknown_category' });
      expect(error.details).toEqual({ field: 'creditCode', character: 'Y', position: 2, allowed: ['1'] });
      expect(refusal(valid('94440300093677087'))).toMatchObject({
        code: 'credit_code_unknown_category',
        message: expect.stringContaining('which market regulation (工商) does not register; it uses 1, 2, 3'),
      });
    });

    it.each([
      ['letters', '91AB0300093677087'],
      ['all zeros', '91000000093677087'],
      ['no province-level code', '91990300093677087'],
      ['a province-level code that does not exist', '91240300093677087'],
    ])('refuses a division code of %s at positions 3–8', (_name, first17) => {
      const error = refusal(valid(first17));
      expect(error).toMatchObject({ code: 'credit_code_invalid_division' });
      expect(error.details).toEqual({ field: 'creditCode', division: first17.slice(2, 8), positions: '3-8' });
    });
  });

  describe('input outside printable ASCII', () => {
    it('refuses a character that upper-casing would turn into legal ones (the ligature ﬀ becomes FF)', () => {
      const error = refusal('911100006X\ufb00R97173');
      expect(error).toMatchObject({ kind: 'invalid', code: 'credit_code_not_ascii' });
      expect(error.message).toBe(
        'Unified social credit code may only hold digits and capital letters; found U+FB00 at position 11',
      );
      expect(error.details).toEqual({ field: 'creditCode', position: 11, codePoint: 'U+FB00' });
    });

    it.each([
      ['full-width digits', '９1440300093677087R'],
      ['a trailing newline', '91440300093677087R\n'],
      ['a NUL character', '91440300093677087\u0000'],
      ['an emoji', '91440300093677087😀'],
    ])('refuses %s', (_name, input) => {
      expect(refusal(input).code).toBe('credit_code_not_ascii');
    });

    it('refuses very long input unread, without repeating it', () => {
      const error = refusal('9'.repeat(100_000));
      expect(error).toMatchObject({ code: 'credit_code_wrong_length' });
      expect(error.details).toEqual({ field: 'creditCode', length: 100_000 });
      expect(error.message).toBe('Unified social credit code must be 18 characters; the input has 100000');
    });

    it('never repeats more than a few dozen characters of bad input', () => {
      for (const input of ['9'.repeat(40), '9'.repeat(41), `${'Z'.repeat(17)}\u00e9`, ' '.repeat(40)]) {
        expect(refusal(input).message.length).toBeLessThan(200);
      }
    });
  });

  it('refuses a missing code', () => {
    expect(refusal(undefined)).toMatchObject({ code: 'credit_code_required', details: { field: 'creditCode' } });
  });

  it('answers yes or no for form validation', () => {
    expect(isUnifiedSocialCreditCode('91440300093677087R')).toBe(true);
    expect(isUnifiedSocialCreditCode('91440300093677087X')).toBe(false);
  });
});
