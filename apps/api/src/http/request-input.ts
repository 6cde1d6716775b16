import { HttpException, HttpStatus, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { findInputProblem, unsafeTextReason } from '@spinout/domain';
import { RequestValidationError } from './validation';

/**
 * What a request may carry before any controller sees it. Bodies are JSON only, at most
 * `MAX_BODY` after decompression; objects and arrays nest at most `MAX_DEPTH` levels (deeper
 * bodies would exhaust the stack of the validator); and no text anywhere (body values and
 * keys, query values, path segments) may hold NUL or a lone surrogate, which no database keeps.
 * Each refusal is an HttpException, so the problem+json filter renders it.
 */
export const MAX_BODY = '1mb';
export const MAX_DEPTH = 32;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPES = ['application/json', 'application/*+json'];

export function installRequestInputRules(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.use(requireJsonMediaType);
  express.useBodyParser('json', { limit: MAX_BODY, type: JSON_TYPES });
  express.use(readerErrors);
  express.use(rejectUnsafeInput);
}

/** A request with a body must say it is JSON: anything else is 415, not a body read as empty. */
function requireJsonMediaType(request: Request, _response: Response, next: NextFunction): void {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (!BODY_METHODS.has(request.method) || !hasBody || request.is(JSON_TYPES)) return next();
  next(
    new HttpException(
      {
        message: `Request bodies must be JSON (Content-Type: application/json), got ${describe(request.headers['content-type'])}`,
        code: 'unsupported_media_type',
      },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ),
  );
}

/**
 * Errors of the body reader (body-parser's http-errors, told apart by their `type`) are the
 * client's fault: each becomes a 4xx with its own code, before anything can take it for a 500.
 */
const READER_ERRORS: Record<string, { status: number; code: string }> = {
  'entity.too.large': { status: 413, code: 'payload_too_large' },
  'entity.parse.failed': { status: 400, code: 'malformed_json' },
  'encoding.unsupported': { status: 415, code: 'unsupported_content_encoding' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset' },
  'request.aborted': { status: 400, code: 'request_aborted' },
  'request.size.invalid': { status: 400, code: 'request_size_mismatch' },
};

function readerErrors(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  if (error instanceof HttpException) return next(error);
  const failure = error as { status?: unknown; type?: unknown; expose?: unknown; message?: unknown };
  const status = typeof failure?.status === 'number' ? failure.status : 500;
  if (status < 400 || status > 499) return next(error);
  const known = typeof failure.type === 'string' ? READER_ERRORS[failure.type] : undefined;
  const message =
    failure.expose === true && typeof failure.message === 'string'
      ? failure.message.slice(0, 300)
      : 'The request body could not be read';
  next(new HttpException({ message, code: known?.code ?? 'unreadable_body' }, known?.status ?? status));
}

function rejectUnsafeInput(request: Request, _response: Response, next: NextFunction): void {
  const problem =
    pathProblem(request.path) ??
    findInputProblem(request.query, { maxDepth: MAX_DEPTH }) ??
    (request.body === undefined ? undefined : findInputProblem(request.body, { maxDepth: MAX_DEPTH }));
  if (problem === undefined) return next();
  next(new RequestValidationError([{ field: problem.field, messages: [problem.message] }]));
}

function pathProblem(path: string): { field: string; message: string } | undefined {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { field: 'path', message: 'the path holds a malformed percent-encoding (not UTF-8)' };
    }
    const reason = unsafeTextReason(decoded);
    if (reason) return { field: 'path', message: `the path ${reason}` };
  }
  return undefined;
}

function describe(value: string | undefined): string {
  return value === undefined ? 'none' : JSON.stringify(value.slice(0, 100));
}
