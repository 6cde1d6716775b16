import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@spinout/event-store';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';

/** Who asks, when, and under which correlation: what every command needs besides its data. */
export interface RequestContext {
  principal: Principal;
  at: string;
  correlationId: string;
  causationId: string;
  /** Expected stream version from If-Match, if the client sent one. */
  expectedVersion?: number;
}

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestContext(request: AuthenticatedRequest, principal: Principal, expectedVersion?: number): RequestContext {
  const supplied = request.header('x-correlation-id');
  const correlationId = supplied && ID_PATTERN.test(supplied) ? supplied : randomUUID();
  return { principal, at: new Date().toISOString(), correlationId, causationId: randomUUID(), expectedVersion };
}

export function eventMetadata(context: RequestContext, reason?: string): EventMetadata {
  return {
    actor: context.principal.id,
    correlationId: context.correlationId,
    causationId: context.causationId,
    occurredAt: context.at,
    ...(reason ? { reason } : {}),
  };
}
