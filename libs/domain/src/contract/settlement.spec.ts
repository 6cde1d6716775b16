import { fen } from './contract.fixtures';
import { periodSlaCredits, settlementFigures } from './settlement';

describe('settlementFigures: net = gross − min(SLA credits, contract cap, gross)', () => {
  it.each([
    ['no credits', 1_000_000, 0, 1_000_000, 15, 0, 1_000_000],
    ['credits below the cap', 1_000_000, 50_000, 1_000_000, 15, 50_000, 950_000],
    ['credits at the cap', 1_000_000, 150_000, 1_000_000, 15, 150_000, 850_000],
    ['credits over the contract cap of 15 %', 1_000_000, 200_000, 1_000_000, 15, 150_000, 850_000],
    [
      'the cap is a percent of the monthly charge, not of the gross',
      1_200_000,
      200_000,
      1_000_000,
      15,
      150_000,
      1_050_000,
    ],
    ['credits never exceed the gross: net stays 0', 100_000, 150_000, 1_000_000, 15, 100_000, 0],
    ['the contract cap is rounded half-up: 2.5 % of 333 = 8', 333, 10, 333, 2.5, 8, 325],
    ['a cap of 100 % allows credits up to the whole charge', 1_000_000, 1_000_000, 1_000_000, 100, 1_000_000, 0],
  ])('%s', (_name, gross, slaCredits, charge, capPercent, credits, net) => {
    expect(settlementFigures(fen(gross), fen(slaCredits), fen(charge), capPercent)).toEqual({
      gross: fen(gross),
      slaCredits: fen(slaCredits),
      credits: fen(credits),
      net: fen(net),
    });
  });
});

describe('periodSlaCredits', () => {
  it('sums the credits of the latest measurements of one period only', () => {
    const measurements = {
      'a:2025-05': { period: '2025-05', credit: fen(50_000) },
      'b:2025-05': { period: '2025-05', credit: fen(25_000) },
      'a:2025-04': { period: '2025-04', credit: fen(99_999) },
    };
    expect(periodSlaCredits(measurements, '2025-05', 'CNY')).toEqual(fen(75_000));
    expect(periodSlaCredits(measurements, '2025-06', 'CNY')).toEqual(fen(0));
  });
});
