import type { Role } from './roles';

/**
 * Who may call what: the one table the guard enforces, the authorization-matrix test checks
 * every operation against, and the README prints. Keys are `METHOD /path` in OpenAPI's path
 * syntax. `admin` is admitted everywhere and is never listed. A route missing from the table is
 * closed to everyone, so forgetting an entry can never open a route.
 */
export type Access = 'public' | readonly Role[];

/** Everyone who works with the programme's data; `operator` (monitoring) reads none of it. */
export const READERS = ['reform_office', 'approver', 'contract_manager', 'procurement', 'auditor', 'viewer'] as const;

/**
 * Readers of settlement and payment data (invoices, settlement figures, approvals, payment
 * references, amounts paid). Other readers get the same routes with those fields left out
 * (see `FINANCIAL_FIELDS`).
 */
export const FINANCE_READERS = ['contract_manager', 'approver', 'auditor', 'reform_office'] as const;

/** Response members that only finance readers see, wherever they appear. */
export const FINANCIAL_FIELDS = ['settlements', 'paidMinor', 'creditsAppliedMinor'] as const;

export const ACCESS = {
  'GET /health': 'public',
  'GET /health/details': ['operator', 'auditor'],
  'GET /metrics': ['operator'],
  'GET /dashboard': 'public',
  'GET /dashboard/app.js': 'public',
  'GET /dashboard/styles.css': 'public',

  'POST /service-units': ['reform_office'],
  'GET /service-units/{id}': READERS,
  'GET /service-units/{id}/history': ['auditor', 'reform_office'],
  'GET /service-units/{id}/as-of': READERS,
  'POST /service-units/{id}/plan': ['reform_office'],
  'POST /service-units/{id}/plan/revise': ['reform_office'],
  'POST /service-units/{id}/plan/approve': ['approver'],
  'POST /service-units/{id}/plan/reject': ['approver'],
  'POST /service-units/{id}/milestones': ['reform_office'],
  'POST /service-units/{id}/milestones/{milestoneId}/complete': ['reform_office'],
  'POST /service-units/{id}/procurement': ['reform_office'],
  'POST /service-units/{id}/procurement/cancel': ['procurement'],
  'POST /service-units/{id}/award': ['procurement'],
  'POST /service-units/{id}/transition': ['reform_office', 'contract_manager'],
  'POST /service-units/{id}/staff/plan': ['reform_office'],
  'POST /service-units/{id}/staff/outcome': ['reform_office'],
  'POST /service-units/{id}/assets/{assetId}/handover': ['reform_office'],
  'POST /service-units/{id}/transition/complete': ['reform_office'],
  'POST /service-units/{id}/charge-back/complete': ['reform_office'],
  'POST /service-units/{id}/reopen': ['reform_office'],

  'POST /providers': ['reform_office', 'procurement'],
  'GET /providers/{id}': READERS,
  'GET /providers/{id}/history': ['auditor', 'reform_office', 'procurement'],
  'GET /providers/{id}/scorecard/as-of': READERS,
  'POST /providers/{id}/suspend': ['procurement', 'reform_office'],
  'POST /providers/{id}/reinstate': ['procurement', 'reform_office'],
  'POST /providers/{id}/debar': ['procurement', 'reform_office'],

  'POST /contracts': ['contract_manager'],
  'GET /contracts/{id}': READERS,
  'GET /contracts/{id}/history': ['auditor', 'contract_manager'],
  'GET /contracts/{id}/as-of': READERS,
  'POST /contracts/{id}/sign': ['contract_manager'],
  'POST /contracts/{id}/activate': ['contract_manager'],
  'POST /contracts/{id}/suspend': ['contract_manager'],
  'POST /contracts/{id}/resume': ['contract_manager'],
  'POST /contracts/{id}/amendments': ['contract_manager'],
  'POST /contracts/{id}/renew': ['contract_manager'],
  'POST /contracts/{id}/expire': ['contract_manager'],
  'POST /contracts/{id}/terminate': ['contract_manager'],
  'POST /contracts/{id}/measurements': ['contract_manager'],
  'POST /contracts/{id}/measurements/corrections': ['contract_manager'],
  'POST /contracts/{id}/rectifications/{rectificationId}/close': ['contract_manager'],
  'POST /contracts/{id}/invoices': ['contract_manager'],
  'POST /contracts/{id}/settlements/{period}/approve': ['approver'],
  'POST /contracts/{id}/settlements/{period}/payments': ['contract_manager'],

  'GET /views/units': READERS,
  'GET /views/units/{unitId}': READERS,
  'GET /views/reform-progress': READERS,
  'GET /views/reform-progress/{agency}/{category}': READERS,
  'GET /views/contracts': READERS,
  'GET /views/contracts/{contractId}': READERS,
  'GET /views/sla-compliance': READERS,
  'GET /views/settlements': FINANCE_READERS,
  'GET /views/provider-scorecards': READERS,
  'GET /views/provider-scorecards/{providerId}/{period}': READERS,
  'GET /views/audit-trail': ['auditor', 'reform_office'],
  'GET /audit/verify': ['auditor'],
} as const satisfies Record<string, Access>;

export type Operation = keyof typeof ACCESS;

/** The rule for an operation, or undefined when the table does not name it (closed). */
export function accessOf(operation: string): Access | undefined {
  return Object.prototype.hasOwnProperty.call(ACCESS, operation) ? ACCESS[operation as Operation] : undefined;
}

/** Whether a principal with these roles may call the operation (tokens aside). */
export function admits(access: Access | undefined, roles: readonly Role[]): boolean {
  if (access === undefined) return false;
  if (access === 'public') return true;
  return roles.includes('admin') || access.some((role) => roles.includes(role));
}

export function readsFinancialData(roles: readonly Role[]): boolean {
  return roles.includes('admin') || FINANCE_READERS.some((role) => roles.includes(role));
}

/** `/contracts/:id` (Express) → `/contracts/{id}` (OpenAPI). */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
