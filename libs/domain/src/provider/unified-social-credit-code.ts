import { invalid } from './provider.errors';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters,
 *   1      registration management department (登记管理部门代码)
 *   2      organisation category within that department (机构类别代码)
 *   3–8    administrative division of the registering authority (GB/T 2260)
 *   9–17   organisation code (主体标识码, GB 11714)
 *   18     check character over the first 17.
 *
 * Lower case input is accepted and upper-cased, and surrounding spaces are trimmed: codes are
 * typed from paper business licences and the letters carry no case meaning. The canonical
 * (upper-case) form is what gets stored, so the same code always compares equal. Only printable
 * ASCII is looked at: anything else is refused before normalising, because upper-casing other
 * characters can turn them into legal ones (the ligature "ﬀ" becomes "FF").
 */
export type UnifiedSocialCreditCode = string & { readonly __brand: 'UnifiedSocialCreditCode' };

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const LENGTH = 18;
const FIELD = 'creditCode';
/** Longer input is refused unread; messages never repeat more of it than this. */
const MAX_INPUT_LENGTH = 40;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Departments (position 1) and the organisation categories (position 2) each may register, from
 * GB 32100-2015 table 1 with the departments added since (A 中央军委改革和编制办公室, N 农业).
 */
const CATEGORIES_BY_DEPARTMENT: Readonly<Record<string, { readonly name: string; readonly categories: string }>> = {
  '1': { name: 'establishment administration (机构编制)', categories: '1239' },
  '2': { name: 'foreign affairs (外交)', categories: '19' },
  '3': { name: 'justice administration (司法行政)', categories: '123459' },
  '4': { name: 'culture (文化)', categories: '19' },
  '5': { name: 'civil affairs (民政)', categories: '1239' },
  '6': { name: 'tourism (旅游)', categories: '129' },
  '7': { name: 'religious affairs (宗教)', categories: '129' },
  '8': { name: 'trade unions (工会)', categories: '19' },
  '9': { name: 'market regulation (工商)', categories: '123' },
  A: {
    name: 'the Central Military Commission reform and establishment office (中央军委改革和编制办公室)',
    categories: '19',
  },
  N: { name: 'agriculture (农业)', categories: '1239' },
  Y: { name: 'other departments (其他)', categories: '1' },
};

/**
 * First two digits of the registering authority's division: the province-level codes of GB/T 2260,
 * and 10 for authorities at the central level (division 100000).
 */
const PROVINCE_PREFIXES = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** The check character for the first 17 characters (which must already be in the charset). */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + CHARSET.indexOf(first17[i]) * weight, 0);
  return CHARSET[(31 - (sum % 31)) % 31];
}

const refuse = (code: Parameters<typeof invalid>[0], message: string, details: Record<string, unknown> = {}) =>
  invalid(code, `Unified social credit code ${message}`, { field: FIELD, ...details });

/** Printable ASCII of a sane length, trimmed and upper-cased. */
function normalised(input: string): string {
  if (input.length > MAX_INPUT_LENGTH) {
    throw refuse('credit_code_wrong_length', `must be ${LENGTH} characters; the input has ${input.length}`, {
      length: input.length,
    });
  }
  if (!PRINTABLE_ASCII.test(input)) {
    const characters = [...input];
    const index = characters.findIndex((c) => !PRINTABLE_ASCII.test(c));
    const codePoint = `U+${(characters[index].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw refuse(
      'credit_code_not_ascii',
      `may only hold digits and capital letters; found ${codePoint} at position ${index + 1}`,
      { position: index + 1, codePoint },
    );
  }
  return input.trim().toUpperCase();
}

function requireLengthAndCharset(code: string): void {
  if (code.length !== LENGTH) {
    throw refuse('credit_code_wrong_length', `must be ${LENGTH} characters; "${code}" has ${code.length}`, {
      length: code.length,
    });
  }
  const position = [...code].findIndex((c) => !CHARSET.includes(c));
  if (position >= 0) {
    throw refuse(
      'credit_code_illegal_character',
      `has an illegal character "${code[position]}" at position ${position + 1}; ` +
        'only digits and the letters ABCDEFGHJKLMNPQRTUWXY are used (never I, O, S, V or Z)',
      { character: code[position], position: position + 1 },
    );
  }
}

/** Positions 1–8: a registration department, a category it registers, and a real division code. */
function requireStructure(code: string): void {
  const department = CATEGORIES_BY_DEPARTMENT[code[0]];
  if (department === undefined) {
    throw refuse(
      'credit_code_unknown_department',
      `${code} starts with "${code[0]}", which is no registration department; ` +
        `GB 32100-2015 uses ${Object.keys(CATEGORIES_BY_DEPARTMENT).join(', ')}`,
      { character: code[0], position: 1 },
    );
  }
  if (!department.categories.includes(code[1])) {
    const allowed = [...department.categories];
    throw refuse(
      'credit_code_unknown_category',
      `${code} has organisation category "${code[1]}", which ${department.name} does not register; ` +
        `it uses ${allowed.join(', ')}`,
      { character: code[1], position: 2, allowed },
    );
  }
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division) || division === '000000' || !PROVINCE_PREFIXES.has(division.slice(0, 2))) {
    throw refuse(
      'credit_code_invalid_division',
      `${code} has "${division}" at positions 3–8, which is no administrative division code ` +
        '(six digits that begin with a province-level code, or 10 for the central level)',
      { division, positions: '3-8' },
    );
  }
}

/** Validates and normalises a code, or throws an `invalid` DomainError that says what is wrong. */
export function parseUnifiedSocialCreditCode(input: unknown): UnifiedSocialCreditCode {
  if (typeof input !== 'string') {
    throw refuse('credit_code_required', 'is required');
  }
  const code = normalised(input);
  requireLengthAndCharset(code);
  requireStructure(code);
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    throw refuse(
      'credit_code_check_mismatch',
      `${code} is mistyped: its check character should be ${expected}, not ${code[17]}`,
      { expected, actual: code[17] },
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
