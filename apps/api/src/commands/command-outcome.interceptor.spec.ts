import { CallHandler, Controller, ExecutionContext, Get, Post } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Request } from 'express';
import { lastValueFrom, Observable } from 'rxjs';
import { Creates, ETagFromVersion, NewId } from './command-outcome.decorators';
import { CommandOutcomeInterceptor } from './command-outcome.interceptor';

@Controller('service-units')
class Routes {
  @Post() @Creates('/service-units') register(@NewId() unitId: string) {
    return unitId;
  }
  @Post(':id/plan/approve') approve() {}
  @Get(':id') @ETagFromVersion() read() {}
  @Get(':id/history') history() {}
}
const routes = Routes.prototype;

/** What `@NewId()` gives the register route in this context, as Nest's router would ask it. */
function newIdIn(context: ExecutionContext): unknown {
  const [argument] = Object.values(
    Reflect.getMetadata(ROUTE_ARGS_METADATA, Routes, 'register') as Record<
      string,
      { factory: (data: unknown, ctx: ExecutionContext) => unknown }
    >,
  );
  return argument.factory(undefined, context);
}

interface Running {
  headers: Map<string, string>;
  context: ExecutionContext;
}

/** A request through the interceptor to `handler`; `answer` runs as the handler, seeing the headers set so far. */
async function through(method: string, handler: (...args: never[]) => unknown, answer: (running: Running) => unknown) {
  const request = { method, path: '/service-units' } as Request;
  const headers = new Map<string, string>();
  // The response's header calls the interceptor makes.
  const response = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  const context: ExecutionContext = new ExecutionContextHost([request, response], Routes, handler);
  const next: CallHandler = {
    handle: () =>
      new Observable((subscriber) => {
        try {
          subscriber.next(answer({ headers: new Map(headers), context }));
          subscriber.complete();
        } catch (error) {
          subscriber.error(error);
        }
      }),
  };
  const result = await lastValueFrom(new CommandOutcomeInterceptor(new Reflector()).intercept(context, next)).catch(
    (error: unknown) => error,
  );
  return { result, headers: Object.fromEntries(headers) };
}

describe('CommandOutcomeInterceptor', () => {
  it('answers a command with its version as ETag, and nothing else', async () => {
    const { headers, result } = await through('POST', routes.approve, () => ({ id: 'u-1', version: 3 }));
    expect(result).toEqual({ id: 'u-1', version: 3 });
    expect(headers).toEqual({ etag: '"3"' });
  });

  it("names a creation's new id in Location before the command runs, so the outcome stored with its events has it", async () => {
    let running: { location?: string; newId?: unknown } = {};
    const { headers } = await through('POST', routes.register, ({ headers: sofar, context }) => {
      running = { location: sofar.get('location'), newId: newIdIn(context) };
      return { id: running.newId, version: 1 };
    });
    expect(running.newId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(running.location).toBe(`/service-units/${String(running.newId)}`);
    expect(headers).toEqual({ etag: '"1"', location: running.location });
  });

  it('answers a failed creation without Location', async () => {
    const { headers, result } = await through('POST', routes.register, () => {
      throw new Error('credit code taken');
    });
    expect(result).toEqual(new Error('credit code taken'));
    expect(headers).toEqual({});
  });

  it('gives a marked read its version as ETag and leaves other reads alone', async () => {
    expect(
      (await through('GET', routes.read, () => ({ id: 'u-1', version: 7, status: 'registered' }))).headers,
    ).toEqual({ etag: '"7"' });
    expect((await through('GET', routes.history, () => ({ id: 'u-1', version: 7, events: [] }))).headers).toEqual({});
  });

  it('refuses to answer a command with anything but its outcome', async () => {
    const { result } = await through('POST', routes.approve, () => ({ ok: true }));
    expect(result).toEqual(new Error('POST /service-units answered without an aggregate id and version'));
  });
});
