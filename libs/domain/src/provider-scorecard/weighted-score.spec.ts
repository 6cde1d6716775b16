import type { SlaOutcome } from '../contract';
import {
  NO_WEIGHTED_SUMS,
  round2,
  weightedScore,
  weightedSumsOf,
  withWeightedEntry,
  type WeightedEntry,
} from './weighted-score';

const met = (weight: number): WeightedEntry => ({ weight, outcome: 'met' });
const breached = (weight: number): WeightedEntry => ({ weight, outcome: 'breached' });
const critical = (weight: number): WeightedEntry => ({ weight, outcome: 'critically_breached' });

describe('weighted score', () => {
  it('scores fractional weights exactly: 0.1 met, 20.8 breached, 1.5 critical → 1050 / 22.4 = 46.875 → 46.88', () => {
    // The trap: summed as binary numbers the weights are not 22.4, and the quotient falls below the half.
    expect(0.1 + 20.8 + 1.5).not.toBe(22.4);
    expect(Math.round((1050 / (0.1 + 20.8 + 1.5)) * 100) / 100).toBe(46.87);

    const sums = weightedSumsOf([met(0.1), breached(20.8), critical(1.5)]);
    expect(sums).toEqual({ weightedPoints: 1050, weightTotal: 22.4 });
    expect(weightedScore(sums)).toBe(46.88);
  });

  it('gives the same sums and score whatever order the entries come in', () => {
    const entries = [met(0.1), breached(20.8), critical(1.5), met(0.7), breached(0.2)];
    const orders = [entries, [...entries].reverse(), [entries[2], entries[0], entries[4], entries[1], entries[3]]];
    const results = orders.map((order) => weightedSumsOf(order));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results.map(weightedScore)).toEqual([48.5, 48.5, 48.5]); // (10 + 1040 + 0 + 70 + 10) / 23.3 = 48.4978…
  });

  it.each<[string, WeightedEntry[], number]>([
    ['12.345 → 12.35', [met(0.12345), critical(0.87655)], 12.35],
    ['83.335 → 83.34', [met(0.83335), critical(0.16665)], 83.34],
    ['1.005 → 1.01', [met(1.005), critical(98.995)], 1.01],
    ['0.005 → 0.01', [met(0.00005), critical(0.99995)], 0.01],
    ['99.995 → 100', [met(0.99995), critical(0.00005)], 100],
    ['breached 2.675 of 5 → 26.75 (no rounding needed)', [breached(2.675), critical(2.325)], 26.75],
    ['met 0.1 of 0.8 → 12.5', [met(0.1), critical(0.7)], 12.5],
    ['met 2 of 3 → 66.666… → 66.67', [met(2), critical(1)], 66.67],
    ['met 1 of 3 → 33.333… → 33.33', [met(1), critical(2)], 33.33],
    ['breached 1 of 6 → 8.333… → 8.33', [breached(1), critical(5)], 8.33],
  ])('rounds a score of %s half-up', (_label, entries, score) => {
    expect(weightedScore(weightedSumsOf(entries))).toBe(score);
  });

  it('rounds just below a half down, however close', () => {
    // 46.8749999… : 1050 / 22.4000001
    expect(weightedScore({ weightedPoints: 1050, weightTotal: 22.4000001 })).toBe(46.87);
    // 46.875 exactly, spelled with the points scaled: 105 / 2.24
    expect(weightedScore({ weightedPoints: 105, weightTotal: 2.24 })).toBe(46.88);
  });

  it('moves the sums by a replaced entry exactly, back to where they were', () => {
    let sums = NO_WEIGHTED_SUMS;
    for (let i = 0; i < 10; i += 1) sums = withWeightedEntry(sums, undefined, met(0.1));
    expect(sums).toEqual({ weightedPoints: 100, weightTotal: 1 }); // as binary numbers: 0.9999999999999999
    const replaced = withWeightedEntry(sums, met(0.1), critical(0.3));
    expect(replaced).toEqual({ weightedPoints: 90, weightTotal: 1.2 });
    expect(withWeightedEntry(replaced, critical(0.3), met(0.1))).toEqual(sums);
  });

  it('scores 0 when nothing is weighted, and stays within 0–100', () => {
    expect(weightedScore(NO_WEIGHTED_SUMS)).toBe(0);
    expect(weightedScore({ weightedPoints: 101, weightTotal: 1 })).toBe(100);
    expect(weightedScore({ weightedPoints: -1, weightTotal: 1 })).toBe(0);
  });

  it.each<[SlaOutcome, number]>([
    ['met', 100],
    ['breached', 50],
    ['critically_breached', 0],
  ])('weights one %s SLA as %d', (outcome, score) => {
    expect(weightedScore(weightedSumsOf([{ weight: 0.3, outcome }]))).toBe(score);
  });
});

describe('round2', () => {
  it.each([
    [46.875, 46.88],
    [83.335, 83.34],
    [1.005, 1.01],
    [2.675, 2.68],
    [8.345, 8.35],
    [1.255, 1.26],
    [0.125, 0.13],
    [99.995, 100],
    [200 / 3, 66.67],
    [46.874999, 46.87],
    [22.400000000000002, 22.4],
    [-16.670000000000002, -16.67],
    [-0.125, -0.13],
    [0, 0],
    [1e-7, 0],
    [12, 12],
  ])('rounds %p to %p', (value, rounded) => {
    expect(round2(value)).toBe(rounded);
  });
});
