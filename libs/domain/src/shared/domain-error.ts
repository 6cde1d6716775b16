/**
 * What kind of refusal a domain error is; the API maps each kind to one HTTP status
 * (invalid → 400, not_found → 404, conflict → 409, forbidden → 403).
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden';

/**
 * A command refused by the domain, with a stable machine-readable code and a sentence saying why.
 * An aggregate's refusals carry its code union (e.g. `DomainError<ServiceUnitErrorCode>`).
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: Code,
    message: string,
    /** Field-level details, e.g. `{ field: 'creditCode', expected: 'R' }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/*
 * Untyped factories, for refusals outside an aggregate (query inputs, application services).
 * An aggregate's deciders use the factories of its `*.errors.ts`, which take only its codes.
 */
export const invalid = <Code extends string>(code: Code, message: string, details?: Record<string, unknown>) =>
  new DomainError<Code>('invalid', code, message, details);
export const notFound = <Code extends string>(code: Code, message: string, details?: Record<string, unknown>) =>
  new DomainError<Code>('not_found', code, message, details);
export const conflict = <Code extends string>(code: Code, message: string, details?: Record<string, unknown>) =>
  new DomainError<Code>('conflict', code, message, details);
export const forbidden = <Code extends string>(code: Code, message: string, details?: Record<string, unknown>) =>
  new DomainError<Code>('forbidden', code, message, details);
