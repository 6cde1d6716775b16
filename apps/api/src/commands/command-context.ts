import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@spinout/workflow';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { requestTimeOf } from '../http/request-clock';
import { correlationIdOf } from '../http/request-observation';

export type { CommandContext };

/**
 * The context of a command sent over HTTP: the principal as actor; the time the request arrived,
 * written in the business time zone (BUSINESS_TIMEZONE), so its date is the business date; the
 * request's correlation id (the caller's, or the one made for it, as answered in
 * X-Correlation-Id); a causation id of its own; If-Match as expected version; and on a create
 * the id drawn for it. Event ids are random: an HTTP retry is recognised by its Idempotency-Key.
 */
export function commandContextOf(
  request: AuthenticatedRequest,
  principal: Principal,
  expectedVersion?: number,
  newId?: string,
): CommandContext {
  const correlationId = correlationIdOf(request);
  const at = requestTimeOf(request);
  return {
    actor: principal.id,
    at,
    metadata: { actor: principal.id, correlationId, causationId: randomUUID(), occurredAt: at },
    expectedVersion,
    ...(newId === undefined ? {} : { newId }),
  };
}
