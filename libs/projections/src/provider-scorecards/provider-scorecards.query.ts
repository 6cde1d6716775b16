import { invalid } from '@spinout/domain';
import { DEFAULT_RATING_SCHEME, RATING_SCHEMES, scoreRangeOf, type RatingSchemeId } from '@spinout/domain/contract';
import type { SqlExecutor } from '@spinout/event-store';
import {
  orderOf,
  readPage,
  sortOf,
  Where,
  type Ordering,
  type OrderTerm,
  type Page,
  type PageRequest,
} from '../query/list-query';
import { decodeCursor } from '../query/keyset';
import { limitOf, monthOf, offsetOf, textOf } from '../query/query-input';
import { columnsOf, decodeRow } from '../sql/table';
import { graded, type GradedScorecardRow } from './graded-scorecard';
import { PROVIDER_SCORECARDS_TABLE, SCORECARD_ENTRIES_TABLE, type ScorecardEntryRow } from './provider-scorecard.row';

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
  /** Grade codes of the configured scheme: scorecards whose score lies in any of them. */
  rating?: string[];
  /** YYYY-MM, inclusive. */
  periodFrom?: string;
  periodTo?: string;
}

export interface ScorecardView extends GradedScorecardRow {
  /** Rank by score among the providers scored for the period (1 = best; ties share a rank). */
  rank: number;
  rankedProviders: number;
}

const COLUMNS = columnsOf(PROVIDER_SCORECARDS_TABLE).map((c) => c.column);

/**
 * Lists and reads `provider_scorecards`, ranked at query time. A maintained rank would
 * rewrite every provider's row of a period whenever one provider's score moved; RANK() over
 * the (period, score) index costs one sorted scan of the periods asked about. Period bounds
 * apply before ranking (ranks are per period, so they do not change them); the provider and
 * rating filters apply after, so a provider's rank is always among all providers. Sorted by
 * period (the default), a page ranks only the periods it can reach: those of the first
 * `offset + limit + 1` matching rows in that order, found on the index.
 */
export class ProviderScorecardsQuery {
  constructor(
    private readonly db: SqlExecutor,
    private readonly scheme: RatingSchemeId = DEFAULT_RATING_SCHEME,
  ) {}

  async list(filter: ScorecardsFilter = {}): Promise<Page<ScorecardView>> {
    const [from, to] = [monthOf(filter.periodFrom, 'periodFrom'), monthOf(filter.periodTo, 'periodTo')];
    const providerId = textOf(filter.providerId, 'providerId');
    const withRating = this.ratingFilter(filter.rating);
    const ordering = scorecardOrdering(filter);
    const matching = (where: Where) => withRating(where.range('period', from, to).eq('provider_id', providerId));
    const inner = new Where().range('period', from, to);
    if (ordering.sort === 'period')
      inner.when(
        true,
        (w) => `period ${ordering.order === 'desc' ? '>=' : '<='} ${reachedPeriod(w, matching, ordering, filter)}`,
      );
    const outer = withRating(new Where([...inner.params]).eq('provider_id', providerId)); // after the ranked subquery's placeholders
    const ranked = `(SELECT ${COLUMNS.join(', ')},
        RANK() OVER (PARTITION BY period ORDER BY score DESC) AS score_rank,
        COUNT(*) OVER (PARTITION BY period) AS ranked_providers
      FROM provider_scorecards ${inner.toSql()}) AS ranked_scorecards`;
    // Counting needs no rank: the filters name columns of the table itself.
    const source = {
      from: ranked,
      columns: [...COLUMNS, 'score_rank', 'ranked_providers'],
      count: { from: 'provider_scorecards', where: matching(new Where()) },
    };
    const { records, ...page } = await readPage(this.db, source, outer, ordering, filter);
    return { items: records.map((record) => toView(record, this.scheme)), ...page };
  }

  /**
   * The `rating` filter as conditions on the score: each grade asked for is the range of scores
   * its scheme gives it. A code the configured scheme does not have is refused.
   */
  private ratingFilter(codes: readonly string[] | undefined): (where: Where) => Where {
    if (codes === undefined || codes.length === 0) return (where) => where;
    const ranges = codes.map((code) => {
      const range = scoreRangeOf(this.scheme, code);
      if (range === undefined) {
        const known = RATING_SCHEMES[this.scheme].map((grade) => grade.code).join(', ');
        throw invalid('invalid_query', `rating must be one of ${known} (scheme ${this.scheme})`, { field: 'rating' });
      }
      return range;
    });
    return (where) =>
      where.when(true, (w) => {
        const terms = ranges.map(({ min, below }) =>
          below === undefined ? `score >= ${w.param(min)}` : `(score >= ${w.param(min)} AND score < ${w.param(below)})`,
        );
        return `(${terms.join(' OR ')})`;
      });
  }

  async get(providerId: string, period: string): Promise<ScorecardView | undefined> {
    const page = await this.list({ providerId, periodFrom: period, periodTo: period, limit: 1, total: 'none' });
    return page.items[0];
  }

  /** The figures of each (contract, SLA) a period's score is made of. */
  async entries(providerId: string, period: string): Promise<ScorecardEntryRow[]> {
    const columns = columnsOf(SCORECARD_ENTRIES_TABLE)
      .map((c) => c.column)
      .join(', ');
    const records = await this.db.query(
      `SELECT ${columns} FROM provider_scorecard_entries WHERE provider_id = $1 AND period = $2 ORDER BY contract_id, sla_id`,
      [providerId, monthOf(period, 'period')],
    );
    return records.map((record) => decodeRow(SCORECARD_ENTRIES_TABLE, record));
  }
}

/**
 * The last period a page sorted by period can reach: that of the `offset + limit + 1`-th
 * matching row in period order, or after a cursor, of the `limit + 1`-th matching row past the
 * cursor's period (the rest of its own period comes first, however many rows that is).
 */
function reachedPeriod(
  where: Where,
  matching: (where: Where) => Where,
  ordering: Ordering,
  filter: ScorecardsFilter,
): string {
  const [beyond, last] = ordering.order === 'desc' ? ['<', 'MIN'] : ['>', 'MAX'];
  const reach = matching(new Where(where.params));
  const [from] = filter.cursor === undefined ? [] : decodeCursor(ordering, filter.cursor);
  if (from !== undefined) reach.when(true, (w) => `period ${beyond} ${w.param(from)}`);
  const rows = (from === undefined ? offsetOf(filter.offset) : 0) + limitOf(filter.limit) + 1;
  const reached = `(SELECT ${last}(period) FROM (SELECT period FROM provider_scorecards ${reach.toSql()} ORDER BY period ${ordering.order.toUpperCase()} LIMIT ${rows}) AS reached)`;
  return from === undefined ? reached : `COALESCE(${reached}, ${where.param(from)})`;
}

/** The columns a scorecard list may be sorted by, as order terms. */
const TERMS: Record<(typeof SCORECARD_SORT_KEYS)[ScorecardSortKey], Omit<OrderTerm, 'direction'>> = {
  period: { column: 'period', kind: 'text', nullable: false },
  provider_id: { column: 'provider_id', kind: 'text', nullable: false },
  score: { column: 'score', kind: 'real', nullable: false },
  score_rank: { column: 'score_rank', kind: 'integer', nullable: false },
  trend: { column: 'trend', kind: 'real', nullable: true },
  breaches: { column: 'breaches', kind: 'integer', nullable: false },
  credits_minor: { column: 'credits_minor', kind: 'integer', nullable: false },
};

/** The sort asked for (newest period first by default), then period (newest first), rank and provider. */
function scorecardOrdering(filter: ScorecardsFilter): Ordering {
  const sort = sortOf(SCORECARD_SORT_KEYS, filter.sort, 'period');
  const order = orderOf(filter.order, filter.sort === undefined ? 'desc' : 'asc');
  const terms: OrderTerm[] = [
    { ...TERMS[SCORECARD_SORT_KEYS[sort]], direction: order },
    { ...TERMS.period, direction: 'desc' },
    { ...TERMS.score_rank, direction: 'asc' },
    { ...TERMS.provider_id, direction: 'asc' },
  ];
  return {
    view: 'provider_scorecards',
    sort,
    order,
    terms: terms.filter((term, i) => terms.findIndex((t) => t.column === term.column) === i),
  };
}

function toView(record: Record<string, unknown>, scheme: RatingSchemeId): ScorecardView {
  return {
    ...graded(decodeRow(PROVIDER_SCORECARDS_TABLE, record), scheme),
    rank: Number(record.score_rank),
    rankedProviders: Number(record.ranked_providers),
  };
}
