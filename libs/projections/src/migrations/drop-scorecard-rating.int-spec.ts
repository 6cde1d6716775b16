import { openSqlDatabase } from '@spinout/event-store';
import { createEmptyDatabase } from '../../../../test/support/empty-database';
import { ProviderScorecardsQuery } from '../provider-scorecards/provider-scorecards.query';
import { PROJECTION_MIGRATIONS } from '.';
import { DropScorecardRating1735000000000 } from './drop-scorecard-rating.migration';

const BEFORE = PROJECTION_MIGRATIONS.filter((migration) => migration !== DropScorecardRating1735000000000);
const SCORES: readonly [provider: string, score: number, stored: string][] = [
  ['p1', 100, 'good'],
  ['p2', 80, 'approaching_target'],
  ['p3', 59.99, 'requires_improvement'],
  ['p4', 12.5, 'inadequate'],
];

describe.each(['sqlite', 'postgres'] as const)('dropping the stored scorecard rating on %s', (dialect) => {
  let url: string;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ url, drop: dispose } = await createEmptyDatabase(dialect, 'spinout_scorecard_rating'));
  });
  afterEach(() => dispose());

  it('keeps every row and grades it when read; reverting restores the grades the rows had', async () => {
    const old = await openSqlDatabase({ url, migrations: BEFORE });
    try {
      for (const [provider, score, rating] of SCORES) {
        await old.query(
          `INSERT INTO provider_scorecards (provider_id, period, score, rating, weighted_points, weight_total,
             measurements, contracts, breaches, critical_breaches, credits_minor, currency, previous_period,
             previous_score, trend, updated_at)
           VALUES ($1, '2025-05', $2, $3, $4, 1, 1, 1, 0, 0, 0, 'CNY', NULL, NULL, NULL, '2025-06-01T00:00:00.000Z')`,
          [provider, score, rating, score],
        );
      }
    } finally {
      await old.close();
    }

    const db = await openSqlDatabase({ url, migrations: PROJECTION_MIGRATIONS });
    try {
      const page = await new ProviderScorecardsQuery(db, 'cn_performance').list({ sort: 'providerId' });
      expect(page.items.map((s) => [s.providerId, s.score, s.rating])).toEqual([
        ['p1', 100, 'excellent'],
        ['p2', 80, 'good'],
        ['p3', 59.99, 'poor'],
        ['p4', 12.5, 'poor'],
      ]);
      const runner = db.dataSource.createQueryRunner();
      try {
        await new DropScorecardRating1735000000000().down(runner);
      } finally {
        await runner.release();
      }
      const restored = await db.query<{ provider_id: string; rating: string }>(
        'SELECT provider_id, rating FROM provider_scorecards ORDER BY provider_id',
      );
      expect(restored.map((row) => [row.provider_id, row.rating])).toEqual(
        SCORES.map(([provider, , rating]) => [provider, rating]),
      );
    } finally {
      await db.close();
    }
  });
});
