import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { conflict } from '@spinout/domain';
import { ProblemDetailsFilter, toProblem } from './problem-details.filter';

const request = { headers: {} };
const withCode = (message: string, code: string, name = 'Error') => Object.assign(new Error(message), { name, code });

describe('toProblem', () => {
  it("never lets a domain error's details replace the problem's own members", () => {
    const error = conflict('contract_not_activatable', 'Contract is already active', {
      status: 'active',
      type: 'x',
      title: 'y',
      code: 'z',
      currentStatus: 'active',
    });
    expect(toProblem(error, request)).toMatchObject({
      status: 409,
      code: 'contract_not_activatable',
      title: 'Contract not activatable',
      currentStatus: 'active',
    });
  });

  it.each([
    [
      'a value PostgreSQL refuses as data (22P05), through TypeORM',
      Object.assign(new Error('x'), { driverError: withCode('unsupported Unicode escape sequence', '22P05') }),
      400,
    ],
    ['a type mismatch on SQLite', withCode('datatype mismatch', 'SQLITE_MISMATCH'), 400],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 503],
    ['a server shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01'), 503],
    [
      'a runner whose connection was given up',
      Object.assign(new Error('Query runner already released'), { name: 'QueryRunnerAlreadyReleasedError' }),
      503,
    ],
    ['a lost connection with no code', new Error('Connection terminated unexpectedly'), 503],
    ['anything else', new Error('something odd'), 500],
  ])('answers %s with %i', (_, error, status) => {
    expect(toProblem(error, request).status).toBe(status);
  });
});

describe('ProblemDetailsFilter', () => {
  const failing = (originalUrl: string, path: string): { host: ArgumentsHost; sent: () => unknown } => {
    let body: unknown;
    const response = {
      headersSent: false,
      setHeader: () => response,
      status: () => response,
      type: () => response,
      send: (text: string) => {
        body = JSON.parse(text);
        return response;
      },
    };
    const request = { method: 'GET', originalUrl, path, baseUrl: '', headers: {} };
    return { host: new ExecutionContextHost([request, response]), sent: () => body };
  };

  it('logs a failure by its route pattern, never the raw URL, and answers the caller with its own', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const { host, sent } = failing('/service-units/u-4711?note=private', '/service-units/u-4711');
      new ProblemDetailsFilter().catch(new Error('something odd'), host);
      const line = String(logged.mock.calls[0]?.[0]);
      expect(line).toMatch(/^GET \/service-units\/\{id\}: Error: something odd/);
      expect(line).not.toContain('u-4711');
      expect(line).not.toContain('private');
      expect(sent()).toMatchObject({ status: 500, instance: '/service-units/u-4711?note=private' });
    } finally {
      logged.mockRestore();
    }
  });
});
