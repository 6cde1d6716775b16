// The migrations alone: the CLIs that open the database need none of the Kafka client.
import { MESSAGING_MIGRATIONS } from '@spinout/messaging/migrations';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS } from '@spinout/projections';
import { WORKFLOW_MIGRATIONS } from '@spinout/workflow';
import { AddIdempotencyLeases1733200000001 } from '../idempotency/idempotency-leases.migration';
import { CreateIdempotencyKeys1732400000000 } from '../idempotency/idempotency.migration';

/** Everything Spinout keeps in its database besides the event store's own tables. */
export const APP_MIGRATIONS = [
  ...WORKFLOW_MIGRATIONS,
  ...PROJECTION_MIGRATIONS,
  ...MESSAGING_MIGRATIONS,
  CreateIdempotencyKeys1732400000000,
  AddIdempotencyLeases1733200000001,
];
export const APP_ENTITIES = [...PROJECTION_ENTITIES];
