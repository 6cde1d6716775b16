/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Stable machine-readable code, e.g. `segregation_of_duties`. */
  code?: string;
  /** Field-level validation problems. */
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `assets.0.bookValue.amountMinor`. */
  field: string;
  messages: string[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://spinout.example/problems/';

export function problemType(code: string): string {
  return `${PROBLEM_BASE}${code.replace(/_/g, '-')}`;
}
