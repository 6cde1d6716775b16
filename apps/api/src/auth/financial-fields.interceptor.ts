import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import { FINANCIAL_FIELDS, readsFinancialData } from './access-policy';
import type { AuthenticatedRequest } from './auth.decorators';

const HIDDEN: ReadonlySet<string> = new Set(FINANCIAL_FIELDS);

/**
 * The one policy for settlement and payment data on every route: a principal who is not a
 * finance reader gets each response without the members named in `FINANCIAL_FIELDS`, at any
 * depth (a contract's `settlements`, a view row's `paidMinor`, …).
 */
@Injectable()
export class FinancialFieldsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal === undefined || readsFinancialData(principal.roles)) return next.handle();
    // A CSV export (a file) leaves out the same fields itself, row by row, as it streams.
    return next.handle().pipe(map((body) => (body instanceof StreamableFile ? body : withoutFinancialFields(body))));
  }
}

/** A copy of a response body without the financial members; the original is left as it was. */
export function withoutFinancialFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutFinancialFields);
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !HIDDEN.has(key))
      .map(([key, member]) => [key, withoutFinancialFields(member)]),
  );
}
