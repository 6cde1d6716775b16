import { invalid } from '@spinout/domain';
import { RATING_BAND_LABELS, RATING_BANDS, type RatingBand } from '@spinout/domain/contract';
import type { SqlExecutor } from '@spinout/event-store';
import { Where, type Page, type PageRequest } from '../query/list-query';
import { allOf, limitOf, monthOf, offsetOf, textOf } from '../query/query-input';
import { columnsOf, decodeRow } from '../sql/table';
import { PROVIDER_SCORECARDS_TABLE, SCORECARD_ENTRIES_TABLE, type ProviderScorecardRow, type ScorecardEntryRow } from './provider-scorecard.row';

export const SCORECARD_SORT_KEYS = {
  period: 'period',
  providerId: 'provider_id',
  score: 'score',
  rank: 'score_rank',
  trend: 'trend',
  breaches: 'breaches',
  credits: 'credits_minor',
} as const;
export type ScorecardSortKey = keyof typeof SCORECARD_SORT_KEYS;

export interface ScorecardsFilter extends PageRequest<ScorecardSortKey> {
  providerId?: string;
  rating?: string[];
  /** YYYY-MM, inclusive. */
  periodFrom?: string;
  periodTo?: string;
}

export interface ScorecardView extends ProviderScorecardRow {
  ratingLabel: string;
  /** Rank by score among the providers scored for the period (1 = best; ties share a rank). */
  rank: number;
  rankedProviders: number;
}

const COLUMNS = columnsOf(PROVIDER_SCORECARDS_TABLE).map((c) => c.column).join(', ');

/**
 * Lists and reads `provider_scorecards`, ranked at query time. A maintained rank would
 * rewrite every provider's row of a period whenever one provider's score moved; RANK() over
 * the (period, score) index costs one sorted scan of the periods asked about. Period bounds
 * apply before ranking (ranks are per period, so they do not change them); the provider and
 * rating filters apply after, so a provider's rank is always among all providers.
 */
export class ProviderScorecardsQuery {
  constructor(private readonly db: SqlExecutor) {}

  async list(filter: ScorecardsFilter = {}): Promise<Page<ScorecardView>> {
    const limit = limitOf(filter.limit);
    const offset = offsetOf(filter.offset);
    const inner = new Where().range('period', monthOf(filter.periodFrom, 'periodFrom'), monthOf(filter.periodTo, 'periodTo'));
    const outer = new Where();
    outer.params.push(...inner.params);
    outer.eq('provider_id', textOf(filter.providerId, 'providerId')).in('rating', allOf(filter.rating, RATING_BANDS, 'rating'));
    const ranked = `(SELECT ${COLUMNS},
        RANK() OVER (PARTITION BY period ORDER BY score DESC) AS score_rank,
        COUNT(*) OVER (PARTITION BY period) AS ranked_providers
      FROM provider_scorecards ${inner.toSql()}) ranked_scorecards`;
    const [count] = await this.db.query<{ total: number | string }>(`SELECT COUNT(*) AS total FROM ${ranked} ${outer.toSql()}`, outer.params);
    const records = await this.db.query(
      `SELECT ${COLUMNS}, score_rank, ranked_providers FROM ${ranked} ${outer.toSql()} ${order(filter)} LIMIT ${limit} OFFSET ${offset}`,
      outer.params,
    );
    return { items: records.map(toView), total: Number(count?.total ?? 0), limit, offset };
  }

  async get(providerId: string, period: string): Promise<ScorecardView | undefined> {
    const page = await this.list({ providerId, periodFrom: period, periodTo: period, limit: 1 });
    return page.items[0];
  }

  /** The figures of each (contract, SLA) a period's score is made of. */
  async entries(providerId: string, period: string): Promise<ScorecardEntryRow[]> {
    const columns = columnsOf(SCORECARD_ENTRIES_TABLE).map((c) => c.column).join(', ');
    const records = await this.db.query(
      `SELECT ${columns} FROM provider_scorecard_entries WHERE provider_id = $1 AND period = $2 ORDER BY contract_id, sla_id`,
      [providerId, monthOf(period, 'period')],
    );
    return records.map((record) => decodeRow(SCORECARD_ENTRIES_TABLE, record));
  }
}

function order(filter: ScorecardsFilter): string {
  const sort = filter.sort ?? 'period';
  if (!Object.prototype.hasOwnProperty.call(SCORECARD_SORT_KEYS, sort)) {
    throw invalid('invalid_query', `sort must be one of ${Object.keys(SCORECARD_SORT_KEYS).join(', ')}`, { field: 'sort' });
  }
  const direction = filter.order ?? (filter.sort === undefined ? 'desc' : 'asc');
  if (direction !== 'asc' && direction !== 'desc') throw invalid('invalid_query', 'order must be asc or desc', { field: 'order' });
  const column = SCORECARD_SORT_KEYS[sort];
  return `ORDER BY (${column} IS NULL), ${column} ${direction.toUpperCase()}, period DESC, score_rank, provider_id`;
}

function toView(record: Record<string, unknown>): ScorecardView {
  const row = decodeRow(PROVIDER_SCORECARDS_TABLE, record);
  return {
    ...row,
    ratingLabel: RATING_BAND_LABELS[row.rating as RatingBand],
    rank: Number(record.score_rank),
    rankedProviders: Number(record.ranked_providers),
  };
}
