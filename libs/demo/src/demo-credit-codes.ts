import { creditCodeCheckCharacter } from '@spinout/domain';
import { SPINOUT_NAMESPACE, uuidFromName } from '@spinout/workflow';

/**
 * Unified social credit codes for invented demo providers, shaped like real ones (GB 32100-2015):
 *   1     registration authority: 9 = market regulation (industry and commerce)
 *   2     entity type: 1 = enterprise
 *   3–8   administrative division code of the registering authority
 *   9–17  organisation code (GB 11714): eight digits and its own check character
 *   18    check character over the first 17, computed by the domain's own function
 * The digits come from a name-based UUID, so the same seed always gives the same code.
 */

const ORGANISATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 check character over the eight digits of an organisation code (0–9 or X). */
export function organisationCodeCheck(digits: string): string {
  const sum = ORGANISATION_WEIGHTS.reduce((acc, weight, i) => acc + Number(digits[i]) * weight, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function demoCreditCode(seed: string, division: string): string {
  if (!/^\d{6}$/.test(division)) throw new Error(`A division code has six digits; got "${division}"`);
  const hex = uuidFromName(SPINOUT_NAMESPACE, `demo:credit-code:${seed}`).replace(/-/g, '');
  const digits = Array.from({ length: 8 }, (_, i) => String(parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 10)).join('');
  const first17 = `91${division}${digits}${organisationCodeCheck(digits)}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}
