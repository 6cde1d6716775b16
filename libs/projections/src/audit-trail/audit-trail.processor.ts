import type { Processor, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { insertIgnoringExisting, truncate } from '../sql/statements';
import { AUDIT_TRAIL_TABLE } from './audit-entry.row';
import { projectAuditEntry } from './audit-trail.projection';
import { DEFAULT_PROJECTION_BATCH } from '../shared/batch';

/** Keeps `audit_trail`: one row per event of every stream, appended in multi-row inserts. */
export class AuditTrailProcessor implements Processor {
  readonly name = 'projection:audit-trail';
  constructor(readonly batchSize = DEFAULT_PROJECTION_BATCH) {}

  async handle(events: readonly StoredEvent[], tx: SqlExecutor): Promise<void> {
    await insertIgnoringExisting(tx, AUDIT_TRAIL_TABLE, events.map(projectAuditEntry));
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, AUDIT_TRAIL_TABLE);
  }
}
