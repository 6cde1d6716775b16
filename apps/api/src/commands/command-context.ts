import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@spinout/workflow';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';

export type { CommandContext };

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The context of a command sent over HTTP: the principal as actor, the time of the request, the
 * caller's correlation id (or a new one), a causation id of its own, and If-Match as expected
 * version. Event ids are random: an HTTP retry is recognised by its Idempotency-Key instead.
 */
export function commandContextOf(request: AuthenticatedRequest, principal: Principal, expectedVersion?: number): CommandContext {
  const supplied = request.header('x-correlation-id');
  const correlationId = supplied && ID_PATTERN.test(supplied) ? supplied : randomUUID();
  const at = new Date().toISOString();
  return {
    actor: principal.id,
    at,
    metadata: { actor: principal.id, correlationId, causationId: randomUUID(), occurredAt: at },
    expectedVersion,
  };
}
