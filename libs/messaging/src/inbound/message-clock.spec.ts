import { clockSkewRejection } from './message-clock';

const receivedAt = new Date('2026-03-01T08:00:00.000Z');

describe('the clock of an inbound message', () => {
  it('accepts a ce_time up to the allowed skew ahead of the receipt', () => {
    expect(clockSkewRejection('2026-03-01T08:05:00.000Z', receivedAt, 300)).toBeUndefined();
  });

  it('accepts a ce_time in the past, however old: Kafka may hold a message a long time', () => {
    expect(clockSkewRejection('2024-01-01T00:00:00.000Z', receivedAt, 300)).toBeUndefined();
  });

  it('refuses a ce_time further ahead, saying by how much', () => {
    expect(clockSkewRejection('2026-03-01T08:05:01.000Z', receivedAt, 300)).toEqual({
      code: 'clock_skew',
      reason:
        'ce_time 2026-03-01T08:05:01.000Z is 301 s ahead of the time of receipt 2026-03-01T08:00:00.000Z; at most 300 s ahead is accepted',
    });
    expect(clockSkewRejection('2027-03-01T08:00:00.000Z', receivedAt, 300)?.reason).toMatch(/is about 365 days ahead/);
  });
});
