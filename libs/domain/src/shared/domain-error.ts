/**
 * What kind of refusal a domain error is; the API maps each kind to one HTTP status
 * (invalid → 400, not_found → 404, conflict → 409, forbidden → 403).
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden';

/** A command refused by the domain, with a stable machine-readable code and a sentence saying why. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** Field-level details, e.g. `{ field: 'creditCode', expected: 'R' }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid', code, message, details);
export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('not_found', code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('forbidden', code, message, details);
