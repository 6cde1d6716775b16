import { invalid } from '@spinout/domain';
import type { SqlExecutor } from '@spinout/event-store';
import { Where, type SortOrder } from '../query/list-query';
import { limitOf, textOf } from '../query/query-input';
import { columnsOf, decodeRow } from '../sql/table';
import { AUDIT_TRAIL_TABLE, type AuditEntryRow } from './audit-entry.row';

export interface AuditTrailFilter {
  /** A streamId or an actor is required: the trail is read per stream or per actor (both: that actor's events in the stream). */
  streamId?: string;
  actor?: string;
  /** Narrows to one event type, or one request's events. */
  type?: string;
  correlationId?: string;
  /** Position to continue after (the previous page's `nextCursor`). */
  cursor?: number;
  limit?: number;
  /** asc: oldest first (default); desc: newest first. */
  order?: SortOrder;
}

export interface AuditTrailPage {
  items: AuditEntryRow[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: number | null;
  limit: number;
}

const COLUMNS = columnsOf(AUDIT_TRAIL_TABLE)
  .map((c) => c.column)
  .join(', ');

/** Reads `audit_trail` per stream or per actor, in log order, a keyset page at a time (indexed by stream and by actor). */
export class AuditTrailQuery {
  constructor(private readonly db: SqlExecutor) {}

  async list(filter: AuditTrailFilter): Promise<AuditTrailPage> {
    const [streamId, actor, correlationId] = [
      textOf(filter.streamId, 'streamId'),
      textOf(filter.actor, 'actor'),
      textOf(filter.correlationId, 'correlationId'),
    ];
    if (streamId === undefined && actor === undefined) {
      throw invalid('invalid_query', 'Name a streamId or an actor to read the audit trail of', { field: 'streamId' });
    }
    const limit = limitOf(filter.limit);
    const order = filter.order ?? 'asc';
    if (order !== 'asc' && order !== 'desc')
      throw invalid('invalid_query', 'order must be asc or desc', { field: 'order' });
    const cursor = filter.cursor;
    if (cursor !== undefined && (!Number.isSafeInteger(cursor) || cursor < 0)) {
      throw invalid('invalid_query', 'cursor must be a position returned as nextCursor', { field: 'cursor' });
    }
    const where = new Where()
      .eq('stream_id', streamId)
      .eq('actor', actor)
      .eq('correlation_id', correlationId)
      .eq('type', textOf(filter.type, 'type'))
      .when(cursor !== undefined, (w) => `global_position ${order === 'asc' ? '>' : '<'} ${w.param(cursor)}`);
    const records = await this.db.query(
      `SELECT ${COLUMNS} FROM audit_trail ${where.toSql()} ORDER BY global_position ${order.toUpperCase()} LIMIT ${limit + 1}`,
      where.params,
    );
    const items = records.slice(0, limit).map((record) => decodeRow(AUDIT_TRAIL_TABLE, record));
    return { items, nextCursor: records.length > limit ? items[items.length - 1].globalPosition : null, limit };
  }
}
