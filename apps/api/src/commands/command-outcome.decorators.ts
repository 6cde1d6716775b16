import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const CREATES = 'spinout:creates';
export const ETAG_FROM_VERSION = 'spinout:etag-from-version';

/**
 * The route creates an aggregate under a new id, answered with `Location: <collection>/<id>`.
 * `CommandOutcomeInterceptor` draws the id before the command runs; the handler takes it with
 * `@NewId()`.
 */
export const Creates = (collection: string) => SetMetadata(CREATES, collection);

/** A read (GET) whose answer is an aggregate at a stream version: that version is its ETag. Commands need no mark. */
export const ETagFromVersion = () => SetMetadata(ETAG_FROM_VERSION, true);

const newIds = new WeakMap<Request, string>();

export function assignNewId(request: Request, id: string): void {
  newIds.set(request, id);
}

/** The id drawn for the aggregate this request creates, if it is a `@Creates` route. */
export function newIdOf(request: Request): string | undefined {
  return newIds.get(request);
}

/** The id of the aggregate a `@Creates` route creates. */
export const NewId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const id = newIds.get(ctx.switchToHttp().getRequest<Request>());
  if (id === undefined) throw new Error('NewId used on a route without @Creates or without CommandOutcomeInterceptor');
  return id;
});
