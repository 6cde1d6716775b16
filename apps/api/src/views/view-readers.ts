import { NotFoundException } from '@nestjs/common';

/** The value, or a 404 problem with a stable code. */
export function found<T>(value: T | undefined, code: string, message: string): T {
  if (value === undefined) throw new NotFoundException({ message, code });
  return value;
}
