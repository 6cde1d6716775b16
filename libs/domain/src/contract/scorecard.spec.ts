import { RATING_BAND_LABELS, ratingBand, slaScore } from './scorecard';

describe('slaScore', () => {
  it.each([
    ['met', 100],
    ['breached', 50],
    ['critically_breached', 0],
  ] as const)('%s scores %p', (outcome, score) => {
    expect(slaScore(outcome)).toBe(score);
  });
});

describe('ratingBand', () => {
  it.each([
    [100, 'good', 'Good'],
    [90, 'good', 'Good'],
    [89.99, 'approaching_target', 'Approaching target'],
    [75, 'approaching_target', 'Approaching target'],
    [74.9, 'requires_improvement', 'Requires improvement'],
    [50, 'requires_improvement', 'Requires improvement'],
    [49.99, 'inadequate', 'Inadequate'],
    [0, 'inadequate', 'Inadequate'],
  ] as const)('%p is %s (%s)', (score, band, label) => {
    expect(ratingBand(score)).toBe(band);
    expect(RATING_BAND_LABELS[ratingBand(score)]).toBe(label);
  });

  it.each([-1, 100.5, Number.NaN])('rejects %p: a score lies from 0 to 100', (score) => {
    expect(() => ratingBand(score)).toThrow(expect.objectContaining({ code: 'invalid_score', kind: 'invalid' }));
  });
});
