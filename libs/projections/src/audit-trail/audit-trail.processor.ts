import type { SqlExecutor, StoredEvent } from '@spinout/event-store';
import type { Processor } from '@spinout/event-store/processing/processor.port';
import { insertIgnoringExisting, truncate } from '../sql/statements';
import { AUDIT_TRAIL_TABLE } from './audit-entry.row';
import { projectAuditEntry } from './audit-trail.projection';

/** Keeps `audit_trail`: one row per event of every stream, appended in multi-row inserts. */
export class AuditTrailProcessor implements Processor {
  readonly name = 'projection:audit-trail';
  readonly batchSize = 1000;

  async handle(events: readonly StoredEvent[], tx: SqlExecutor): Promise<void> {
    await insertIgnoringExisting(tx, AUDIT_TRAIL_TABLE, events.map(projectAuditEntry));
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, AUDIT_TRAIL_TABLE);
  }
}
