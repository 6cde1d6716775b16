import { invalid } from '../shared';

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a
 * check character computed from the first 17.
 *
 * Lower case input is accepted and upper-cased, and surrounding spaces are trimmed: codes are
 * typed from paper business licences and the letters carry no case meaning. The canonical
 * (upper-case) form is what gets stored, so the same code always compares equal.
 */
export type UnifiedSocialCreditCode = string & { readonly __brand: 'UnifiedSocialCreditCode' };

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const LENGTH = 18;
const FIELD = 'creditCode';

/** The check character for the first 17 characters (which must already be in the charset). */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + CHARSET.indexOf(first17[i]) * weight, 0);
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** Validates and normalises a code, or throws an `invalid` DomainError that says what is wrong. */
export function parseUnifiedSocialCreditCode(input: unknown): UnifiedSocialCreditCode {
  if (typeof input !== 'string') {
    throw invalid('credit_code_required', 'Unified social credit code is required', { field: FIELD });
  }
  const code = input.trim().toUpperCase();
  if (code.length !== LENGTH) {
    throw invalid(
      'credit_code_wrong_length',
      `Unified social credit code must be ${LENGTH} characters; "${code}" has ${code.length}`,
      { field: FIELD, length: code.length },
    );
  }
  for (let i = 0; i < LENGTH; i++) {
    if (!CHARSET.includes(code[i])) {
      throw invalid(
        'credit_code_illegal_character',
        `Unified social credit code has an illegal character "${code[i]}" at position ${i + 1}; ` +
          'only digits and the letters ABCDEFGHJKLMNPQRTUWXY are used (never I, O, S, V or Z)',
        { field: FIELD, character: code[i], position: i + 1 },
      );
    }
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    throw invalid(
      'credit_code_check_mismatch',
      `Unified social credit code ${code} is mistyped: its check character should be ${expected}, not ${code[17]}`,
      { field: FIELD, expected, actual: code[17] },
    );
  }
  return code as UnifiedSocialCreditCode;
}

/** True when the input would parse; for form-level validation. */
export function isUnifiedSocialCreditCode(input: unknown): boolean {
  try {
    parseUnifiedSocialCreditCode(input);
    return true;
  } catch {
    return false;
  }
}
