import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { zonedInstant } from '@spinout/domain';

const ARRIVAL = Symbol('arrival');
type ClockedRequest = Request & { [ARRIVAL]?: { readonly epochMs: number; readonly timeZone: string } };

/**
 * Notes when each request arrived, to be written in the business time zone (BUSINESS_TIMEZONE)
 * when a command needs its time: the command's date is then the date in that zone, as its
 * offset says (`2025-07-01T00:30:00.000+08:00` is 1 July).
 */
export function installRequestClock(app: INestApplication, timeZone: string): void {
  app.use((request: ClockedRequest, _response: Response, next: NextFunction) => {
    request[ARRIVAL] = { epochMs: Date.now(), timeZone };
    next();
  });
}

/** When the request arrived, as an ISO 8601 instant in the business time zone. */
export function requestTimeOf(request: Request): string {
  const arrival = (request as ClockedRequest)[ARRIVAL];
  // Requests built without the middleware (unit tests) are stamped now, in UTC.
  return arrival === undefined ? new Date().toISOString() : zonedInstant(arrival.epochMs, arrival.timeZone);
}
