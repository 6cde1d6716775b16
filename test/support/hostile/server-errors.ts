import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';

/**
 * The errors the app logs while the barrage runs, each matched to the request that caused it
 * (by the `X-Hostile-Request` header, carried through the request's async context), so a 500 is
 * reported with its cause rather than "An unexpected error occurred". Errors outside any request
 * (processors) are kept too. Nothing else is logged meanwhile.
 */
export class ServerErrors implements LoggerService {
  private readonly current = new AsyncLocalStorage<number>();
  private readonly byRequest = new Map<number, string[]>();
  readonly outsideRequests: string[] = [];

  static capture(app: INestApplication): ServerErrors {
    const errors = new ServerErrors();
    const server = app.getHttpServer() as Server;
    const listeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const index = Number(req.headers['x-hostile-request']);
      errors.current.run(index, () => {
        // The body's events come from the connection, in the context of whichever request it
        // carried first: emitting them in this request's context keeps the body reader's
        // callbacks, and all that follows them, attributed to this request.
        const scope = new AsyncResource('HostileRequest');
        const emit = req.emit;
        req.emit = (...args: Parameters<typeof emit>) => scope.runInAsyncScope(emit, req, ...args);
        listeners.forEach((listener) => listener.call(server, req, res));
      });
    });
    app.useLogger(errors);
    return errors;
  }

  /** The first logged cause for a request: the error's first line and the first frame in the project's code. */
  causeOf(index: number): string | undefined {
    const message = this.byRequest.get(index)?.[0];
    return message === undefined ? undefined : summarise(message);
  }

  error(message: unknown, ...rest: unknown[]): void {
    const text = [message, ...rest].map((part) => (part instanceof Error ? part.stack : String(part))).join('\n');
    const index = this.current.getStore();
    if (index === undefined || Number.isNaN(index)) this.outsideRequests.push(summarise(text));
    else this.byRequest.set(index, [...(this.byRequest.get(index) ?? []), text]);
  }

  log(): void {}
  warn(): void {}
  debug(): void {}
  verbose(): void {}
}

function summarise(text: string): string {
  const lines = text.split('\n');
  const error = lines.map((line) => /\b[A-Z]\w*(Error|Exception)\b[:\s].*/.exec(line)?.[0]).find(Boolean) ?? lines[0];
  // The first frame in the project's own code says where; frames of packages and of this helper do not.
  const root = `${process.cwd()}/`;
  const frame = lines.find(
    (line) => /^\s+at /.test(line) && (line.includes(`${root}apps/`) || line.includes(`${root}libs/`)),
  );
  const where = frame?.trim().replace(root, '');
  return `${error.slice(0, 240)}${where ? ` (${where.slice(0, 160)})` : ''}`;
}
