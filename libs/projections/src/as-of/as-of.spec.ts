import * as unit from '@spinout/domain/service-unit/service-unit.fixtures';
import * as c from '@spinout/domain/contract/contract.fixtures';
import { DomainError } from '@spinout/domain';
import { stored } from '../../test/stored';
import { cutoffOf, prefixAsOf } from './as-of';
import { providerScorecardAsOf } from './provider-scorecard-as-of';
import { contractAsOf, unitAsOf } from './unit-as-of';

describe('as-of cutoff', () => {
  it('reads a date as the end of that day in the business time zone', () => {
    expect(cutoffOf('2025-06-30', 'Asia/Shanghai').instant).toBe('2025-06-30T15:59:59.999Z');
    // An event at 2025-06-30T16:30Z happened on 1 July in Beijing: after 30 June's cutoff, within 1 July's.
    const events = stored('s', [{ type: 'A', data: { happenedAt: '2025-06-30T16:30:00Z' } }]);
    expect(prefixAsOf(events, cutoffOf('2025-06-30', 'Asia/Shanghai'))).toEqual([]);
    expect(prefixAsOf(events, cutoffOf('2025-07-01', 'Asia/Shanghai')).map((e) => e.type)).toEqual(['A']);
    expect(prefixAsOf(events, cutoffOf('2025-06-30', 'UTC')).map((e) => e.type)).toEqual(['A']);
  });

  it('reads a date as the end of that day in UTC and an instant as itself', () => {
    expect(cutoffOf('2025-02-10', 'UTC').instant).toBe('2025-02-10T23:59:59.999Z');
    expect(cutoffOf('2025-02-10T09:00:00+08:00', 'UTC').instant).toBe('2025-02-10T01:00:00.000Z');
  });

  it.each(['2025-02-30', '10/02/2025', '2025-02-10T09:00:00', '', 'yesterday'])('rejects %j', (date) => {
    expect(() => cutoffOf(date, 'UTC')).toThrow(DomainError);
  });

  it('cuts a stream before the first event that occurred after the cutoff, comparing instants', () => {
    const events = stored('s', [
      { type: 'A', data: { happenedAt: '2025-01-01T09:00:00+08:00' } },
      { type: 'B', data: { happenedAt: '2025-01-02T07:59:59+08:00' } }, // 2025-01-01T23:59:59Z
      { type: 'C', data: { happenedAt: '2025-01-02T08:00:01+08:00' } }, // after the cutoff
      { type: 'D', data: { happenedAt: '2025-01-01T10:00:00+08:00' } }, // earlier time, but after C in the stream
    ]);
    expect(prefixAsOf(events, cutoffOf('2025-01-01', 'UTC')).map((e) => e.type)).toEqual(['A', 'B']);
  });
});

describe('unit and contract as of a date', () => {
  const unitEvents = stored(`serviceUnit-${unit.UNIT_ID}`, unit.history.awarded());

  it('folds the unit stream with the decider up to the date', () => {
    // registered 01-06, proposed 02-03, approved 02-10, requested 03-03, awarded 04-14
    const asOf = unitAsOf(unitEvents, cutoffOf('2025-02-10', 'UTC'));
    expect(asOf).toMatchObject({
      asOf: '2025-02-10T23:59:59.999Z',
      version: 3,
      lastEventAt: '2025-02-10T09:00:00+08:00',
    });
    expect(asOf.state).toMatchObject({
      status: 'registered',
      stage: 'plan_approved',
      plan: { status: 'approved' },
      procurement: null,
    });
    expect(unitAsOf(unitEvents, cutoffOf('2025-12-31', 'UTC')).state).toMatchObject({
      stage: 'awarded',
      award: { providerId: 'provider-1' },
    });
  });

  it('is the state before registration when the date precedes the stream', () => {
    expect(unitAsOf(unitEvents, cutoffOf('2024-12-31', 'UTC'))).toMatchObject({
      version: 0,
      lastEventAt: null,
      state: { status: 'not_registered' },
    });
  });

  it('folds the contract stream with the decider up to the date', () => {
    const events = stored(`contract-${c.CONTRACT_ID}`, c.history.terminated());
    expect(contractAsOf(events, cutoffOf('2025-03-01', 'UTC')).state).toMatchObject({ status: 'active' });
    expect(contractAsOf(events, cutoffOf('2025-06-01', 'UTC')).state).toMatchObject({
      status: 'terminated',
      terminationReason: 'convenience',
    });
  });
});

describe('provider scorecard as of a date', () => {
  const at = (day: string) => `${day}T10:00:00+08:00`;
  const events = stored(
    `contract-${c.CONTRACT_ID}`,
    c.after(
      c.history.active(),
      c.measure(c.AVAILABILITY.slaId, '2025-01', 96, at('2025-02-03')),
      c.measure(c.RESPONSE.slaId, '2025-01', 6, at('2025-02-03')),
      c.measure(c.AVAILABILITY.slaId, '2025-02', 85, at('2025-03-03')),
      c.measure(c.RESPONSE.slaId, '2025-02', 3, at('2025-03-03')),
      c.command(
        'CorrectMeasurement',
        { slaId: c.AVAILABILITY.slaId, period: '2025-02', value: 96, reason: 'Recount' },
        c.OFFICER,
        at('2025-03-20'),
      ),
    ),
  );

  it('scores only the measurements recorded by the date, with trends', () => {
    const early = providerScorecardAsOf(c.PROVIDER_ID, [events], cutoffOf('2025-02-28', 'UTC'), 'cn_performance');
    expect(early.periods.map((p) => [p.period, p.score])).toEqual([['2025-01', 83.33]]);

    const beforeCorrection = providerScorecardAsOf(
      c.PROVIDER_ID,
      [events],
      cutoffOf('2025-03-10', 'UTC'),
      'cn_performance',
    );
    expect(beforeCorrection.periods.map((p) => [p.period, p.score, p.trend])).toEqual([
      ['2025-01', 83.33, null],
      ['2025-02', 33.33, -50],
    ]);
    expect(beforeCorrection.latest).toMatchObject({
      period: '2025-02',
      rating: 'poor',
      ratingScheme: 'cn_performance',
      ratingGrade: 4,
      ratingLabels: { 'zh-CN': '差', en: 'Poor' },
    });
    const inUkBands = providerScorecardAsOf(
      c.PROVIDER_ID,
      [events],
      cutoffOf('2025-03-10', 'UTC'),
      'uk_procurement_act',
    );
    expect(inUkBands.latest).toMatchObject({ period: '2025-02', rating: 'inadequate', ratingLabel: 'Inadequate' });

    const afterCorrection = providerScorecardAsOf(
      c.PROVIDER_ID,
      [events],
      cutoffOf('2025-03-31', 'UTC'),
      'cn_performance',
    );
    expect(afterCorrection.latest).toMatchObject({ period: '2025-02', score: 100, rating: 'excellent', trend: 16.67 });
  });

  it('ignores contracts of other providers', () => {
    expect(
      providerScorecardAsOf('someone-else', [events], cutoffOf('2025-12-31', 'UTC'), 'cn_performance'),
    ).toMatchObject({
      periods: [],
      latest: null,
    });
  });
});
