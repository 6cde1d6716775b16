import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { withAppendTransactionWork } from '@spinout/event-store';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { HeldClaim, IdempotencyStore } from './idempotency.store';
import { ClaimTakenOverError, RequestOutcome } from './request-outcome';

const inProgress = () =>
  new ConflictException({
    message: 'A request with this Idempotency-Key is still being processed',
    code: 'idempotency_in_progress',
  });

/**
 * `Idempotency-Key` on a command: the first request's response is stored, and a retry with the
 * same key and the same request gets that response again (marked `Idempotent-Replayed: true`)
 * without executing the command. The same key with a different request is refused (422). The
 * response is stored in the transaction that appends the command's events (ADR 012), so a
 * command that committed always has it; a claim whose request died is taken over by a retry
 * once its lease ended.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    if (request.method === 'GET' || !key || !request.principal) return next.handle();
    if (key.length > 200)
      throw new UnprocessableEntityException({
        message: 'Idempotency-Key must be at most 200 characters',
        code: 'invalid_idempotency_key',
      });
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    return from(this.handle(request.principal.id, key, fingerprint, response, next));
  }

  private async handle(
    principalId: string,
    key: string,
    fingerprint: string,
    response: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const claim = await this.store.claim(principalId, key, fingerprint, new Date());
    switch (claim.outcome) {
      case 'mismatch':
        throw new UnprocessableEntityException({
          message: 'This Idempotency-Key was used for a different request',
          code: 'idempotency_key_reused',
        });
      case 'in_progress':
        throw inProgress();
      case 'replay': {
        const stored = claim.response;
        response.status(stored.statusCode).setHeader('Idempotent-Replayed', 'true');
        if (stored.etag) response.setHeader('ETag', stored.etag);
        if (stored.location) response.setHeader('Location', stored.location);
        return stored.body;
      }
      case 'claimed':
        return this.execute(new RequestOutcome(this.store, claim.claim, response), claim.claim, next);
    }
  }

  private async execute(outcome: RequestOutcome, claim: HeldClaim, next: CallHandler): Promise<unknown> {
    let body: unknown;
    try {
      body = await withAppendTransactionWork(outcome, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    } catch (error) {
      await this.store
        .release(claim)
        .catch((releaseError: unknown) =>
          this.logger.warn(`Could not release an Idempotency-Key claim: ${(releaseError as Error).message}`),
        );
      throw error instanceof ClaimTakenOverError ? inProgress() : error;
    } finally {
      outcome.close();
    }
    try {
      await outcome.settle(body);
    } catch (error) {
      // Stored with the events already: a retry gets that; this client gets what it asked for.
      if (!outcome.storedWithEvents) throw error;
      this.logger.warn(`Could not store the final response of an Idempotency-Key: ${(error as Error).message}`);
    }
    return body;
  }
}
