import { Logger } from '@nestjs/common';
import { runInLogContext } from '../correlation';
import { loggerForFailedStart, ServiceLogger, type LogOutput } from './service-logger';

const NOW = new Date('2025-03-01T09:00:00.250Z');

function capture(isTTY = false): LogOutput & { lines: string[] } {
  const lines: string[] = [];
  return { isTTY, lines, write: (text: string) => lines.push(...text.split('\n').filter((line) => line !== '')) };
}

function jsonLogger(level: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log') {
  const output = capture();
  return { output, logger: new ServiceLogger({ level, format: 'json', output, now: () => NOW }) };
}

const parsed = (output: { lines: string[] }) => output.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ServiceLogger', () => {
  it('writes one JSON object per line: time, level, context, message', () => {
    const { output, logger } = jsonLogger();
    logger.log('Processors started', 'Processors');
    logger.warn('slow broker', 'Kafka');
    expect(parsed(output)).toEqual([
      { time: '2025-03-01T09:00:00.250Z', level: 'info', context: 'Processors', msg: 'Processors started' },
      { time: '2025-03-01T09:00:00.250Z', level: 'warn', context: 'Kafka', msg: 'slow broker' },
    ]);
  });

  it("takes context and stack as Nest's Logger passes them", () => {
    const { output, logger } = jsonLogger();
    const nest = new Logger('HTTP');
    Logger.overrideLogger(logger);
    try {
      nest.error('POST /x failed', 'Error: boom\n    at handler (file.ts:1:1)');
      nest.error('no stack');
      nest.log('hello');
      Logger.error('static', 'Spinout');
    } finally {
      Logger.overrideLogger(false);
    }
    expect(parsed(output)).toEqual([
      expect.objectContaining({
        level: 'error',
        context: 'HTTP',
        msg: 'POST /x failed',
        stack: 'Error: boom\n    at handler (file.ts:1:1)',
      }),
      { time: NOW.toISOString(), level: 'error', context: 'HTTP', msg: 'no stack' },
      expect.objectContaining({ level: 'info', context: 'HTTP', msg: 'hello' }),
      expect.objectContaining({ level: 'error', context: 'Spinout', msg: 'static' }),
    ]);
  });

  it('merges a structured message into the line, without letting it replace time, level or context', () => {
    const { output, logger } = jsonLogger();
    logger.log(
      {
        msg: 'POST /service-units 201',
        method: 'POST',
        route: '/service-units',
        status: 201,
        durationMs: 4.5,
        level: 'forged',
        time: 'forged',
      },
      'HTTP',
    );
    expect(parsed(output)).toEqual([
      {
        time: NOW.toISOString(),
        level: 'info',
        context: 'HTTP',
        msg: 'POST /service-units 201',
        method: 'POST',
        route: '/service-units',
        status: 201,
        durationMs: 4.5,
      },
    ]);
  });

  it('adds the correlation id of the request being handled to every line written for it', async () => {
    const { output, logger } = jsonLogger();
    await runInLogContext({ correlationId: 'corr-42' }, async () => {
      await Promise.resolve();
      logger.log('inside', 'Test');
    });
    logger.log('outside', 'Test');
    expect(parsed(output).map((line) => line.correlationId)).toEqual(['corr-42', undefined]);
  });

  it('keeps a message that holds newlines, quotes or control characters on one line', () => {
    const { output, logger } = jsonLogger();
    logger.warn('type "x"\n[Nest] 1 - LOG forged\u0007', 'Kafka');
    expect(output.lines).toHaveLength(1);
    expect(parsed(output)[0].msg).toBe('type "x"\n[Nest] 1 - LOG forged\u0007');
  });

  it('writes nothing more detailed than its level, and errors always', () => {
    const { output, logger } = jsonLogger('warn');
    logger.log('info line');
    logger.debug('debug line');
    logger.warn('warning');
    logger.error('failure');
    expect(parsed(output).map((line) => line.msg)).toEqual(['warning', 'failure']);
    expect(logger.isEnabled('log')).toBe(false);
  });

  it('writes readable lines in the pretty format, coloured only on a terminal', () => {
    const plain = capture(false);
    const pretty = new ServiceLogger({ level: 'log', format: 'pretty', output: plain, now: () => NOW });
    pretty.log({ msg: 'GET /health 200', method: 'GET', route: '/health', status: 200, durationMs: 1.5 }, 'HTTP');
    pretty.warn({ msg: 'lagging', lag: 3 }, 'Processors');
    expect(plain.lines).toEqual([
      '09:00:00.250 INFO  [HTTP] GET /health 200 durationMs=1.5',
      '09:00:00.250 WARN  [Processors] lagging lag=3',
    ]);

    const terminal = capture(true);
    new ServiceLogger({ level: 'log', output: terminal, now: () => NOW }).log('started', 'Spinout');
    expect(terminal.lines[0]).toContain('\x1b[');
    expect(terminal.lines[0]).toContain('[Spinout]');
  });

  it('is JSON unless told otherwise when the output is not a terminal, and never coloured then', () => {
    const output = capture(false);
    const logger = new ServiceLogger({ level: 'log', output });
    logger.error('failure', 'Error: x\n    at y (z.ts:1:1)', 'Test');
    expect(logger.format).toBe('json');
    expect(output.lines.join('')).not.toContain('\x1b[');
    expect(JSON.parse(output.lines[0])).toMatchObject({ level: 'error', stack: 'Error: x\n    at y (z.ts:1:1)' });
  });

  it('after a failed start, honours a valid LOG_FORMAT and ignores an invalid one', () => {
    expect(loggerForFailedStart({ LOG_FORMAT: 'pretty' }).format).toBe('pretty');
    expect(['json', 'pretty']).toContain(loggerForFailedStart({ LOG_FORMAT: 'xml' }).format);
  });
});
