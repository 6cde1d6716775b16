import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Observable } from 'rxjs';
import { tap } from 'rxjs/operators';
import { versionEtag } from '../http/etag';
import type { CommandOutcome } from './api-command';
import { assignNewId, CREATES, ETAG_FROM_VERSION } from './command-outcome.decorators';

/**
 * The one place the version headers are set. A command (any route but GET) answers with its
 * `CommandOutcome`, a read marked `@ETagFromVersion()` with the aggregate it read: the version
 * is the ETag. A `@Creates(collection)` route also answers with `Location: <collection>/<id>`.
 * That Location is on the response before the command runs, so the response an Idempotency-Key
 * stores with the command's events (ADR 012) already names the new aggregate; a command that
 * fails is answered without it. Runs inside `IdempotencyInterceptor` (`CommandInterceptor`), so a replay passes by.
 */
@Injectable()
export class CommandOutcomeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const handler = context.getHandler();
    if (request.method === 'GET' && !this.reflector.get<boolean | undefined>(ETAG_FROM_VERSION, handler))
      return next.handle();
    const collection = this.reflector.get<string | undefined>(CREATES, handler);
    if (collection !== undefined) {
      const id = randomUUID();
      assignNewId(request, id);
      response.setHeader('Location', `${collection}/${id}`);
    }
    return next.handle().pipe(
      tap({
        next: (answer: unknown) => {
          if (!isVersioned(answer)) {
            response.removeHeader('Location');
            throw new Error(`${request.method} ${request.path} answered without an aggregate id and version`);
          }
          response.setHeader('ETag', versionEtag(answer.version));
          if (collection !== undefined) response.setHeader('Location', `${collection}/${answer.id}`);
        },
        error: () => response.removeHeader('Location'),
      }),
    );
  }
}

function isVersioned(answer: unknown): answer is CommandOutcome {
  const { id, version } = (answer ?? {}) as Partial<Record<keyof CommandOutcome, unknown>>;
  return typeof id === 'string' && typeof version === 'number';
}
