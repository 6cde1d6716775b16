import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind } from '@spinout/domain';
import {
  ConcurrencyError,
  databaseFailureOf,
  EventIdConflictError,
  lostConnectionByMessage,
} from '@spinout/event-store';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';
import { routePatternOf } from './route-pattern';
import { RequestValidationError } from './validation';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = { invalid: 400, not_found: 404, conflict: 409, forbidden: 403 };

/** Members of a problem that extensions (error details, exception bodies) may never replace. */
const RESERVED = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'code',
  'errors',
  'message',
  'statusCode',
  'error',
]);

/** The one place where errors become HTTP responses, always as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...toProblem(exception, request), instance: request.originalUrl.slice(0, 2000) };
    // Logged by route pattern, like every request line (ADR 016): never the raw URL, whose path
    // and query may carry ids or values the caller did not mean for a log.
    const route = () => `${request.method} ${routePatternOf(request) ?? '(no route)'}`;
    if (problem.status === 503) this.logger.warn(`${route()}: ${(exception as Error)?.message ?? String(exception)}`);
    else if (problem.status >= 500)
      this.logger.error(`${route()}: ${(exception as Error)?.stack ?? String(exception)}`);
    if (response.headersSent) return void response.end();
    if (problem.status === 503) response.setHeader('Retry-After', '1');
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

export function toProblem(exception: unknown, request: Pick<Request, 'headers'>): ProblemDetails {
  if (exception instanceof RequestValidationError) {
    return {
      ...base(400, 'validation_failed', 'Invalid request', 'The request is not valid; see errors for each field'),
      errors: exception.fieldProblems,
    };
  }
  if (exception instanceof DomainError) {
    const field = typeof exception.details.field === 'string' ? exception.details.field : undefined;
    const problem = base(STATUS_BY_KIND[exception.kind], exception.code, titleOf(exception.code), exception.message);
    const errors = field && exception.kind === 'invalid' ? { errors: [{ field, messages: [exception.message] }] } : {};
    return { ...extensions(exception.details), ...problem, ...errors };
  }
  if (exception instanceof ConcurrencyError) {
    // Under If-Match the client stated a precondition: a mismatch is 412. Otherwise a concurrent writer won: 409.
    const status = request.headers['if-match'] ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
    return {
      ...base(status, 'version_conflict', 'Version conflict', exception.message),
      currentVersion: exception.actual,
    };
  }
  if (exception instanceof EventIdConflictError) {
    return base(409, 'event_id_conflict', 'Event id conflict', exception.message);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const detail = typeof body === 'string' ? body : String(fields.message ?? exception.message);
    const code = typeof fields.code === 'string' ? fields.code : httpCode(status);
    return { ...extensions(fields), ...base(status, code, titleFor(status), detail) };
  }
  const failure = databaseFailureOf(exception) ?? lostConnectionByMessage(exception);
  // A value the database refused as data is the request's fault, not the server's.
  if (failure === 'invalid_data')
    return base(
      400,
      'invalid_data',
      'Invalid data',
      'A value in the request cannot be stored (out of range or not valid text)',
    );
  // The database is down, restarting, busy or out of connections: not a bug, but a moment to retry.
  if (failure !== undefined) {
    return base(
      503,
      'database_unavailable',
      'Service unavailable',
      'The database cannot be reached just now; retry the request (with the same Idempotency-Key)',
    );
  }
  return base(500, 'internal_error', 'Internal server error', 'An unexpected error occurred; it has been logged');
}

function base(status: number, code: string, title: string, detail: string): ProblemDetails {
  return { type: problemType(code), title, status, detail, code };
}

function extensions(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !RESERVED.has(key)));
}

function titleOf(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function httpCode(status: number): string {
  return (HttpStatus[status] ?? 'error').toString().toLowerCase();
}

function titleFor(status: number): string {
  return titleOf(httpCode(status));
}
