import { NotFoundException } from '@nestjs/common';

/** The roles that may read the views (everyone signed in with a role but `admin`, who is always admitted). */
export const READERS = ['reform_office', 'approver', 'contract_manager', 'procurement', 'auditor', 'viewer'] as const;

/** The value, or a 404 problem with a stable code. */
export function found<T>(value: T | undefined, code: string, message: string): T {
  if (value === undefined) throw new NotFoundException({ message, code });
  return value;
}
