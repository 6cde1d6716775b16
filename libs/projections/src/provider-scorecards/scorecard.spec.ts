import * as c from '@spinout/domain/contract/contract.fixtures';
import type { ContractEvent } from '@spinout/domain/contract';
import { storedOf } from '../../test/stored';
import type { ProviderScorecardRow, ScorecardContractRow } from './provider-scorecard.row';
import {
  applyScoreChange,
  EntryIndex,
  projectScorecardContract,
  SCORECARD_EVENT_TYPES,
  scoreChangeOf,
  withTrends,
  type ScoreChange,
  type ScorecardEvent,
} from './provider-scorecards.projection';
import { ranksOf, summarise, trendsOf, type ScoreEntry } from './scorecard';

const entry = (
  contractId: string,
  slaId: string,
  weight: number,
  outcome: ScoreEntry['outcome'],
  creditMinor = 0,
  currency = 'CNY',
): ScoreEntry => ({
  contractId,
  slaId,
  weight,
  outcome,
  creditMinor,
  currency,
});

describe('scorecard arithmetic', () => {
  it('weights each SLA score (met 100, breached 50, critical 0) by its SLA weight', () => {
    // (2 × 100 + 1 × 50 + 3 × 0) / 6 = 41.666… → 41.67
    const summary = summarise([
      entry('c1', 'a', 2, 'met'),
      entry('c1', 'b', 1, 'breached', 500),
      entry('c2', 'x', 3, 'critically_breached', 700),
    ]);
    expect(summary).toEqual({
      score: 41.67,
      weightedPoints: 250,
      weightTotal: 6,
      measurements: 3,
      contracts: 2,
      breaches: 2,
      criticalBreaches: 1,
      creditsMinor: 1_200,
      currency: 'CNY',
    });
  });

  it.each([
    ['one SLA met', 100, [entry('c', 'a', 1, 'met')]],
    ['9 of 10 weight met, 1 critical', 90, [entry('c', 'a', 9, 'met'), entry('c', 'b', 1, 'critically_breached')]],
    ['met and breached, equal weight', 75, [entry('c', 'a', 1, 'met'), entry('c', 'b', 1, 'breached')]],
    [
      '3 of 5 weight met, rest critical',
      60,
      [entry('c', 'a', 3, 'met'), entry('c', 'b', 1, 'critically_breached'), entry('c', 'd', 1, 'critically_breached')],
    ],
    ['one SLA breached', 50, [entry('c', 'a', 1, 'breached')]],
    [
      'breached, critical, met ×2',
      62.5,
      [entry('c', 'a', 1, 'breached'), entry('c', 'b', 1, 'critically_breached'), entry('c', 'd', 2, 'met')],
    ],
    ['breached ×1, critical ×99', 0.5, [entry('c', 'a', 1, 'breached'), entry('c', 'b', 99, 'critically_breached')]],
  ] as const)('%s scores %d', (_label, score, entries) => {
    expect(summarise(entries)).toMatchObject({ score });
  });

  it('moves totals by replaced entries to exactly what summing the final entries gives', () => {
    const outcomes = ['met', 'breached', 'critically_breached'] as const;
    const index = new EntryIndex();
    const rows = new Map<string, ProviderScorecardRow>();
    const final = new Map<string, ScoreEntry>();
    for (let i = 0; i < 200; i += 1) {
      const e = entry(`c${i % 7}`, `s${i % 3}`, 1 + (i % 4), outcomes[(i * 5) % 3], (i * 37) % 1000);
      applyScoreChange(rows, index, { providerId: 'p', period: '2025-01', entry: e, at: '2025-02-01T00:00:00Z' });
      final.set(`${e.contractId}/${e.slaId}`, e);
    }
    const {
      updatedAt: _at,
      previousPeriod: _pp,
      previousScore: _ps,
      trend: _t,
      providerId: _p,
      period: _m,
      ...totals
    } = rows.get('["p","2025-01"]') as ProviderScorecardRow;
    expect(totals).toEqual(summarise([...final.values()]));
  });

  it('keeps fractional weights exact through replaced entries, scoring 46.875 as 46.88 like the published scorecard', () => {
    // 0.1 met, 20.8 first met then breached, 1.5 critical: 1050 / 22.4 = 46.875; binary sums give 22.400000000000002 and 46.87.
    const index = new EntryIndex();
    const rows = new Map<string, ProviderScorecardRow>();
    const change = (e: ScoreEntry): ScoreChange => ({
      providerId: 'p',
      period: '2025-05',
      entry: e,
      at: '2025-06-01T00:00:00Z',
    });
    for (const e of [
      entry('c', 'a', 0.1, 'met'),
      entry('c', 'b', 20.8, 'met'),
      entry('c', 'd', 1.5, 'critically_breached'),
      entry('c', 'b', 20.8, 'breached'),
    ]) {
      applyScoreChange(rows, index, change(e));
    }
    expect(rows.get('["p","2025-05"]')).toMatchObject({
      score: 46.88,
      weightedPoints: 1050,
      weightTotal: 22.4,
      measurements: 3,
    });
    expect(
      summarise([
        entry('c', 'a', 0.1, 'met'),
        entry('c', 'b', 20.8, 'breached'),
        entry('c', 'd', 1.5, 'critically_breached'),
      ]).score,
    ).toBe(46.88);
  });

  it('flags credits in more than one currency as MIXED', () => {
    expect(
      summarise([entry('c1', 'a', 1, 'breached', 1, 'CNY'), entry('c2', 'a', 1, 'breached', 1, 'HKD')]).currency,
    ).toBe('MIXED');
  });

  it('takes the trend against the previous scored period, skipping months without a scorecard', () => {
    const trends = trendsOf([
      { period: '2025-04', score: 62.5 },
      { period: '2025-01', score: 100 },
      { period: '2025-02', score: 83.33 },
    ]);
    expect(Object.fromEntries(trends)).toEqual({
      '2025-01': { previousPeriod: null, previousScore: null, trend: null },
      '2025-02': { previousPeriod: '2025-01', previousScore: 100, trend: -16.67 },
      '2025-04': { previousPeriod: '2025-02', previousScore: 83.33, trend: -20.83 },
    });
  });

  it('ranks providers by score, ties sharing a rank and the next rank skipped', () => {
    const ranks = ranksOf(
      new Map([
        ['p1', 80],
        ['p2', 95],
        ['p3', 80],
        ['p4', 40],
      ]),
    );
    expect(Object.fromEntries(ranks)).toEqual({ p2: 1, p1: 2, p3: 2, p4: 4 });
  });
});

describe('projectScorecard', () => {
  const at = (day: string) => `${day}T10:00:00+08:00`;
  const contractEvents = (events: ContractEvent[]) =>
    storedOf<ScorecardEvent>(SCORECARD_EVENT_TYPES, `contract-${c.CONTRACT_ID}`, events);

  function changesOf(events: ContractEvent[]): ScoreChange[] {
    let contract: ScorecardContractRow | undefined;
    const changes: ScoreChange[] = [];
    for (const event of contractEvents(events)) {
      contract = projectScorecardContract(contract, event);
      const change = scoreChangeOf(contract, event);
      if (change) changes.push(change);
    }
    return changes;
  }

  function fold(changes: ScoreChange[]): ProviderScorecardRow[] {
    const rows = new Map<string, ProviderScorecardRow>();
    const index = new EntryIndex();
    for (const change of changes) applyScoreChange(rows, index, change);
    return withTrends([...rows.values()]);
  }

  it('scores each period from the SLA weights in force, replacing corrected figures', () => {
    const events = c.after(
      c.history.active(),
      c.measure(c.AVAILABILITY.slaId, '2025-01', 96, at('2025-02-03')), // met, weight 2
      c.measure(c.RESPONSE.slaId, '2025-01', 6, at('2025-02-03')), // breached, weight 1 → (200 + 50) / 3 = 83.33
      c.measure(c.AVAILABILITY.slaId, '2025-02', 85, at('2025-03-03')), // critical → (0 + ?)…
      c.measure(c.RESPONSE.slaId, '2025-02', 3, at('2025-03-03')), // met → (0 + 100) / 3 = 33.33
    );
    const [jan, feb] = fold(changesOf(events));
    expect(jan).toMatchObject({
      providerId: c.PROVIDER_ID,
      period: '2025-01',
      score: 83.33,
      breaches: 1,
      creditsMinor: 50_000,
      trend: null,
    });
    expect(feb).toMatchObject({
      period: '2025-02',
      score: 33.33,
      criticalBreaches: 1,
      previousScore: 83.33,
      trend: -50,
    });

    const corrected = fold(changesOf(c.after(events, c.correct(c.AVAILABILITY.slaId, '2025-02', 96))));
    expect(corrected[1]).toMatchObject({
      score: 100,
      measurements: 2,
      breaches: 0,
      creditsMinor: 0,
      trend: 16.67,
    });
  });

  it('uses the weight an amendment put in force for later measurements', () => {
    const reweighted: ContractEvent = {
      type: 'ContractAmended',
      data: {
        contractId: c.CONTRACT_ID,
        amendmentId: 'AM-1',
        version: 1,
        rationale: 'Availability matters more',
        changes: { slas: [{ ...c.AVAILABILITY, weight: 7 }, c.RESPONSE] },
        amendedBy: c.OFFICER,
        amendedAt: at('2025-01-20'),
      },
    };
    const events = c.after(
      [...c.history.active(), reweighted],
      c.measure(c.AVAILABILITY.slaId, '2025-01', 92, at('2025-02-03')), // breached, weight 7
      c.measure(c.RESPONSE.slaId, '2025-01', 3, at('2025-02-03')), // met, weight 1 → (350 + 100) / 8 = 56.25
    );
    expect(fold(changesOf(events))[0]).toMatchObject({ score: 56.25, weightTotal: 8 });
  });
});
