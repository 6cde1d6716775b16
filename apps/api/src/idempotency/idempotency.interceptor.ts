import { CallHandler, ConflictException, ExecutionContext, Injectable, NestInterceptor, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { IdempotencyStore } from './idempotency.store';

/**
 * `Idempotency-Key` on a command: the first request's response is stored, and a retry with the
 * same key and the same request gets that response again (marked `Idempotent-Replayed: true`)
 * without executing the command. The same key with a different request is refused (422).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    if (request.method === 'GET' || !key || !request.principal) return next.handle();
    if (key.length > 200) throw new UnprocessableEntityException({ message: 'Idempotency-Key must be at most 200 characters', code: 'invalid_idempotency_key' });
    const principalId = request.principal.id;
    const fingerprint = createHash('sha256').update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`).digest('hex');

    return from(this.store.claim(principalId, key, fingerprint, new Date())).pipe(
      mergeMap((claim) => {
        switch (claim.outcome) {
          case 'mismatch':
            return throwError(() => new UnprocessableEntityException({ message: 'This Idempotency-Key was used for a different request', code: 'idempotency_key_reused' }));
          case 'in_progress':
            return throwError(() => new ConflictException({ message: 'A request with this Idempotency-Key is still being processed', code: 'idempotency_in_progress' }));
          case 'replay': {
            const stored = claim.response;
            response.status(stored.statusCode).setHeader('Idempotent-Replayed', 'true');
            if (stored.etag) response.setHeader('ETag', stored.etag);
            if (stored.location) response.setHeader('Location', stored.location);
            return of(stored.body);
          }
          case 'claimed':
            return next.handle().pipe(
              mergeMap(async (body) => {
                const header = (name: string) => response.getHeader(name)?.toString();
                await this.store.complete(principalId, key, { statusCode: response.statusCode, body, etag: header('etag'), location: header('location') });
                return body;
              }),
              catchError((error: unknown) => from(this.store.release(principalId, key)).pipe(mergeMap(() => throwError(() => error)))),
            );
        }
      }),
    );
  }
}
