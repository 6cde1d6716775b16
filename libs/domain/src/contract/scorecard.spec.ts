import {
  DEFAULT_RATING_SCHEME,
  gradeOf,
  isRatingScheme,
  RATING_CODES,
  RATING_SCHEME_IDS,
  ratingOf,
  scoreRangeOf,
  slaScore,
} from './scorecard';

describe('slaScore', () => {
  it.each([
    ['met', 100],
    ['breached', 50],
    ['critically_breached', 0],
  ] as const)('%s scores %p', (outcome, score) => {
    expect(slaScore(outcome)).toBe(score);
  });
});

describe('rating schemes', () => {
  it('grade by default in the four grades of budget performance evaluation', () => {
    expect(DEFAULT_RATING_SCHEME).toBe('cn_performance');
  });

  it.each([
    [100, 'excellent', '优', 1],
    [90, 'excellent', '优', 1],
    [89.99, 'good', '良', 2],
    [80, 'good', '良', 2],
    [79.99, 'fair', '中', 3],
    [60, 'fair', '中', 3],
    [59.99, 'poor', '差', 4],
    [0, 'poor', '差', 4],
  ] as const)('cn_performance: %p is %s (%s), grade %p', (score, code, label, rank) => {
    expect(ratingOf('cn_performance', score)).toBe(code);
    expect(gradeOf('cn_performance', score)).toMatchObject({ code, rank, labels: { 'zh-CN': label } });
  });

  it.each([
    [100, 'good', 'Good'],
    [90, 'good', 'Good'],
    [89.99, 'approaching_target', 'Approaching target'],
    [75, 'approaching_target', 'Approaching target'],
    [74.9, 'requires_improvement', 'Requires improvement'],
    [50, 'requires_improvement', 'Requires improvement'],
    [49.99, 'inadequate', 'Inadequate'],
    [0, 'inadequate', 'Inadequate'],
  ] as const)('uk_procurement_act: %p is %s (%s)', (score, code, label) => {
    expect(ratingOf('uk_procurement_act', score)).toBe(code);
    expect(gradeOf('uk_procurement_act', score).labels.en).toBe(label);
  });

  it.each(RATING_SCHEME_IDS)('%s: every score from 0 to 100 falls in exactly one grade range, its own', (scheme) => {
    const codes = new Set<string>();
    for (let hundredths = 0; hundredths <= 10_000; hundredths += 1) {
      const score = hundredths / 100;
      const code = ratingOf(scheme, score);
      codes.add(code);
      const containing = RATING_CODES.filter((candidate) => {
        const range = scoreRangeOf(scheme, candidate);
        return range !== undefined && score >= range.min && (range.below === undefined || score < range.below);
      });
      expect(containing).toEqual([code]);
    }
    expect(codes.size).toBe(4);
  });

  it('has no range for a code of another scheme', () => {
    expect(scoreRangeOf('cn_performance', 'inadequate')).toBeUndefined();
    expect(scoreRangeOf('uk_procurement_act', 'excellent')).toBeUndefined();
  });

  it.each([-1, 100.5, Number.NaN])('rejects %p: a score lies from 0 to 100', (score) => {
    expect(() => gradeOf('cn_performance', score)).toThrow(
      expect.objectContaining({ code: 'invalid_score', kind: 'invalid' }),
    );
  });

  it('knows its scheme ids and nothing else', () => {
    expect(RATING_SCHEME_IDS.filter(isRatingScheme)).toEqual(['cn_performance', 'uk_procurement_act']);
    expect([undefined, '', 'toString', '__proto__', 'CN_PERFORMANCE'].some(isRatingScheme)).toBe(false);
  });
});
