import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import {
  CORRELATION_HEADER,
  correlationIdFrom,
  runInLogContext,
  type ServiceLogger,
  type ServiceMetrics,
} from '@spinout/observability';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { routePatternOf } from './route-pattern';

const CORRELATION_ID = Symbol('correlationId');
type ObservedRequest = AuthenticatedRequest & { [CORRELATION_ID]?: string };

/**
 * The first thing every request meets: it takes the caller's X-Correlation-Id (a bad one is
 * replaced by a new UUID, not refused: a header meant for tracing must not fail a command) or
 * makes one, puts it on the response before anything can answer — so problem responses, 401,
 * 404, 413 and 415 carry it too — and into the log context of everything the request causes.
 * When the response is done it writes one log line (method, route pattern, status, duration,
 * actor, correlation id: never the raw URL, a header or a body) and observes the duration
 * histogram.
 */
export function installRequestObservation(app: INestApplication, logger: ServiceLogger, metrics: ServiceMetrics): void {
  app.use((request: ObservedRequest, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const correlationId = correlationIdFrom(request.header(CORRELATION_HEADER));
    request[CORRELATION_ID] = correlationId;
    response.setHeader(CORRELATION_HEADER, correlationId);
    response.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routePatternOf(request);
      const status = response.statusCode;
      metrics.observeRequest(request.method, route ?? 'unmatched', status, seconds);
      const level = status >= 500 ? 'error' : 'log';
      if (!logger.isEnabled(level)) return;
      const line = {
        msg: `${request.method} ${route ?? '(no route)'} ${status}`,
        method: request.method,
        route: route ?? null,
        status,
        durationMs: Math.round(seconds * 1e6) / 1e3,
        ...(request.principal ? { actor: request.principal.id } : {}),
        ...(response.writableFinished ? {} : { aborted: true }),
        correlationId,
      };
      if (level === 'error') logger.error(line, undefined, 'HTTP');
      else logger.log(line, 'HTTP');
    });
    runInLogContext({ correlationId }, next);
  });
}

/** The request's correlation id, as answered in its X-Correlation-Id. */
export function correlationIdOf(request: Request): string {
  const observed = request as ObservedRequest;
  // Requests built without the middleware (unit tests) take the header as the middleware would.
  observed[CORRELATION_ID] ??= correlationIdFrom(request.header(CORRELATION_HEADER));
  return observed[CORRELATION_ID];
}
