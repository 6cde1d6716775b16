import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { CommandOutcomeInterceptor } from './command-outcome.interceptor';

/**
 * The interceptor of every command controller: `Idempotency-Key` outside, the version headers
 * inside it (so a replay passes the latter by). Composed here instead of listed on each
 * controller, because Nest binds an `AsyncResource` for every interceptor of a route on every
 * request, and on Node 20 each bind defines a deprecated accessor — a cost the profile of
 * `POST /service-units` showed above what either interceptor does (ADR 017).
 */
@Injectable()
export class CommandInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyInterceptor,
    private readonly outcome: CommandOutcomeInterceptor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return this.idempotency.intercept(context, { handle: () => this.outcome.intercept(context, next) });
  }
}
