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

  it('refuses a missing code', () => {
    expect(refusal(undefined)).toMatchObject({ code: 'credit_code_required', details: { field: 'creditCode' } });
  });

  it('answers yes or no for form validation', () => {
    expect(isUnifiedSocialCreditCode('91440300093677087R')).toBe(true);
    expect(isUnifiedSocialCreditCode('91440300093677087X')).toBe(false);
  });
});
