import { conflict, type DomainError, type DomainErrorKind, forbidden, invalid, notFound } from './domain-error';
import * as rules from './input-rules';
import { type INPUT_RULE_CODES } from './input-rules';

/**
 * Every code an aggregate refuses commands with, grouped by kind and so by HTTP status. Each
 * aggregate declares one in its `*.errors.ts`; its deciders refuse only through the factories
 * `refusalsOf` makes from it, so a code missing from the catalogue does not compile, and
 * docs/error-codes.md is checked against it. A code sits under two kinds only when one fact is
 * refused in two situations (a contract's `period_not_ended`).
 */
export type ErrorCatalogue = { readonly [K in DomainErrorKind]: readonly string[] };

/** The code union of a catalogue, e.g. `ErrorCodeOf<typeof SERVICE_UNIT_ERRORS>`. */
export type ErrorCodeOf<C extends ErrorCatalogue> = C[DomainErrorKind][number];

/** The codes of one kind, e.g. those a stage guard refuses with as a conflict. */
export type ErrorCodeOfKind<C extends ErrorCatalogue, K extends DomainErrorKind> = C[K][number];

type Refusal<Code extends string> = (
  code: Code,
  message: string,
  details?: Record<string, unknown>,
) => DomainError<Code>;
type InvalidCode<C extends ErrorCatalogue> = ErrorCodeOfKind<C, 'invalid'>;
type RuleWithCodes = keyof typeof INPUT_RULE_CODES;

/** A shared rule that raises codes of its own: `never` (so not callable) unless the catalogue lists them. */
type RuleFor<C extends ErrorCatalogue, R extends RuleWithCodes> = [(typeof INPUT_RULE_CODES)[R][number]] extends [
  InvalidCode<C>,
]
  ? (typeof rules)[R]
  : never;

/** An aggregate's refusals and the shared input rules, typed to its catalogue. */
export interface Refusals<C extends ErrorCatalogue> {
  readonly invalid: Refusal<ErrorCodeOfKind<C, 'invalid'>>;
  readonly notFound: Refusal<ErrorCodeOfKind<C, 'not_found'>>;
  readonly conflict: Refusal<ErrorCodeOfKind<C, 'conflict'>>;
  readonly forbidden: Refusal<ErrorCodeOfKind<C, 'forbidden'>>;
  readonly requireText: (value: unknown, field: string, code: InvalidCode<C>) => string;
  readonly requireOneOf: <T extends string>(
    value: unknown,
    allowed: readonly T[],
    field: string,
    code: InvalidCode<C>,
  ) => T;
  readonly requireCalendarDate: RuleFor<C, 'requireCalendarDate'>;
  readonly commandDate: RuleFor<C, 'commandDate'>;
  readonly requireCount: RuleFor<C, 'requireCount'>;
  readonly requireMoney: RuleFor<C, 'requireMoney'>;
}

export function refusalsOf<C extends ErrorCatalogue>(_catalogue: C): Refusals<C> {
  const { requireText, requireOneOf, requireCalendarDate, commandDate, requireCount, requireMoney } = rules;
  // The cast only narrows types: the functions are the shared ones, whatever the catalogue.
  return {
    invalid,
    notFound,
    conflict,
    forbidden,
    requireText,
    requireOneOf,
    requireCalendarDate,
    commandDate,
    requireCount,
    requireMoney,
  } as Refusals<C>;
}

/** Every code of a catalogue once, in catalogue order. */
export function errorCodesOf<C extends ErrorCatalogue>(catalogue: C): ErrorCodeOf<C>[] {
  return [...new Set(Object.values(catalogue).flat())] as ErrorCodeOf<C>[];
}
