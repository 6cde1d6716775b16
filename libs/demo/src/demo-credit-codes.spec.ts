import { isUnifiedSocialCreditCode } from '@spinout/domain';
import { demoCreditCode, organisationCodeCheck } from './demo-credit-codes';

describe('demo credit codes', () => {
  it('computes the GB 11714 organisation-code check character', () => {
    // Σ digits×weights of 12345678 = 3+14+27+40+25+48+28+16 = 201; 201 mod 11 = 3; 11 − 3 = 8.
    expect(organisationCodeCheck('12345678')).toBe('8');
    // 00000000 → 11 − 0 = 11 → "0"
    expect(organisationCodeCheck('00000000')).toBe('0');
  });

  it('gives the same valid 18-character code for the same seed, and different codes for different seeds', () => {
    const code = demoCreditCode('caterer', '330100');
    expect(code).toMatch(/^91330100\d{8}[0-9X][0-9A-Y]$/);
    expect(isUnifiedSocialCreditCode(code)).toBe(true);
    expect(demoCreditCode('caterer', '330100')).toBe(code);
    expect(demoCreditCode('cleaner', '330100')).not.toBe(code);
  });

  it('rejects a division code that is not six digits', () => {
    expect(() => demoCreditCode('x', '3301')).toThrow('six digits');
  });
});
