import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind } from '@spinout/domain';
import { ConcurrencyError, EventIdConflictError } from '@spinout/event-store';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';
import { RequestValidationError } from './validation';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = { invalid: 400, not_found: 404, conflict: 409, forbidden: 403 };

/** The one place where errors become HTTP responses, always as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception, request), instance: request.originalUrl };
    if (problem.status >= 500) this.logger.error(`${request.method} ${request.originalUrl}: ${(exception as Error)?.stack ?? String(exception)}`);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    if (exception instanceof RequestValidationError) {
      return { ...base(400, 'validation_failed', 'Invalid request', 'The request body is not valid; see errors for each field'), errors: exception.fieldProblems };
    }
    if (exception instanceof DomainError) {
      const field = typeof exception.details.field === 'string' ? exception.details.field : undefined;
      const problem = base(STATUS_BY_KIND[exception.kind], exception.code, titleOf(exception.code), exception.message);
      return { ...problem, ...exception.details, ...(field && exception.kind === 'invalid' ? { errors: [{ field, messages: [exception.message] }] } : {}) };
    }
    if (exception instanceof ConcurrencyError) {
      // Under If-Match the client stated a precondition: a mismatch is 412. Otherwise a concurrent writer won: 409.
      const status = request.headers['if-match'] ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
      return { ...base(status, 'version_conflict', 'Version conflict', exception.message), currentVersion: exception.actual };
    }
    if (exception instanceof EventIdConflictError) {
      return base(409, 'event_id_conflict', 'Event id conflict', exception.message);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      const extra = typeof body === 'object' && body !== null && 'code' in body ? (body as Record<string, unknown>) : {};
      return { ...base(status, String(extra.code ?? httpCode(status)), titleFor(status), detail), ...extra, status };
    }
    return base(500, 'internal_error', 'Internal server error', 'An unexpected error occurred; it has been logged');
  }
}

function base(status: number, code: string, title: string, detail: string): ProblemDetails {
  return { type: problemType(code), title, status, detail, code };
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
