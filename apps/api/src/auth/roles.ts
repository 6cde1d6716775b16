/**
 * The roles a principal can hold; the access policy (access-policy.ts) says which roles each
 * route admits. `operator` watches the service (health details, metrics) and reads no data.
 */
export const ROLES = [
  'reform_office',
  'approver',
  'contract_manager',
  'procurement',
  'auditor',
  'viewer',
  'operator',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The JWT subject; recorded as the actor of every event the request appends. */
  id: string;
  roles: Role[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
