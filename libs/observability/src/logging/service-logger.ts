import { inspect } from 'node:util';
import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogFormat, LogLevel } from '@spinout/config';
import { currentLogContext } from '../correlation';
import { prettyLine } from './pretty-line';

/** Where lines go: standard output unless a test gives its own. */
export interface LogOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ServiceLoggerOptions {
  /** The most detailed level written (LOG_LEVEL); fatal and error are always written. */
  level: LogLevel;
  /** LOG_FORMAT; unset: pretty when the output is a terminal, json otherwise. */
  format?: LogFormat;
  output?: LogOutput;
  now?: () => Date;
}

/** Members of a line that a structured message cannot replace. */
const RESERVED = new Set(['time', 'level', 'context', 'msg']);
const SEVERITY: Record<NestLogLevel, number> = { fatal: 0, error: 1, warn: 2, log: 3, debug: 4, verbose: 5 };
/** Level names as log tools know them (Nest's `log` is `info`). */
const NAME: Record<NestLogLevel, string> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Nest's logger for the API and the worker: every line one JSON object (time, level, context,
 * msg, the correlation id of the request or message being handled, and the fields of a
 * structured message), or, for a person at a terminal, a readable line coloured only when the
 * output is a terminal. Everything goes to standard output, errors too, so one stream holds
 * the whole story in order.
 *
 * Nest calls it as its ConsoleLogger: `log(message, ...params, context?)`, `error(message,
 * stack?, context?)`. A plain-object message is structured: its members become fields of the
 * line (its `msg` the message). Nothing here reads requests: callers decide what is logged, and
 * no caller passes tokens or bodies.
 */
export class ServiceLogger implements LoggerService {
  readonly format: LogFormat;
  private readonly output: LogOutput;
  private readonly now: () => Date;
  private readonly colours: boolean;
  private threshold: number;

  constructor(options: ServiceLoggerOptions) {
    this.output = options.output ?? process.stdout;
    this.format = options.format ?? (this.output.isTTY ? 'pretty' : 'json');
    this.colours = this.format === 'pretty' && this.output.isTTY === true && !process.env.NO_COLOR;
    this.now = options.now ?? (() => new Date());
    this.threshold = SEVERITY[options.level];
  }

  isEnabled(level: NestLogLevel): boolean {
    return SEVERITY[level] <= this.threshold;
  }

  /** Nest passes the levels it was configured with; the most detailed one becomes the threshold. */
  setLogLevels(levels: NestLogLevel[]): void {
    this.threshold = Math.max(...levels.map((level) => SEVERITY[level]), SEVERITY.error);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: NestLogLevel, message: unknown, params: unknown[]): void {
    if (!this.isEnabled(level)) return;
    const { context, stack, rest } = splitParams(level, params);
    const fields: Record<string, unknown> = {};
    let msg: string;
    if (isPlainObject(message)) {
      for (const [key, value] of Object.entries(message)) if (!RESERVED.has(key)) fields[key] = value;
      msg = typeof message.msg === 'string' ? message.msg : '';
    } else if (message instanceof Error) {
      msg = message.message;
      fields.stack = message.stack;
    } else {
      msg = text(message);
    }
    if (rest.length > 0) msg = [msg, ...rest.map(text)].join(' ');
    if (stack !== undefined) fields.stack = stack;
    const correlationId = currentLogContext()?.correlationId;
    if (correlationId !== undefined && fields.correlationId === undefined) fields.correlationId = correlationId;
    const line = {
      time: this.now().toISOString(),
      level: NAME[level],
      ...(context ? { context } : {}),
      msg,
      ...fields,
    };
    this.output.write(`${this.format === 'json' ? JSON.stringify(line, replacer) : prettyLine(line, this.colours)}\n`);
  }
}

/** Nest's conventions: a last string parameter is the context; for errors, a string before it is the stack. */
function splitParams(level: NestLogLevel, params: unknown[]): { context?: string; stack?: string; rest: unknown[] } {
  if (params.length === 0) return { rest: [] };
  if (level === 'error' && params.length === 1) {
    const [only] = params;
    if (typeof only === 'string' && /\n\s+at /.test(only)) return { stack: only, rest: [] };
  }
  const last = params[params.length - 1];
  const context = typeof last === 'string' ? last : undefined;
  const rest = context === undefined ? params : params.slice(0, -1);
  if (
    level === 'error' &&
    rest.length > 0 &&
    (typeof rest[rest.length - 1] === 'string' || rest[rest.length - 1] === undefined)
  ) {
    const stack = rest[rest.length - 1] as string | undefined;
    return { context, stack, rest: rest.slice(0, -1) };
  }
  return { context, rest };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : inspect(value, { depth: 4, breakLength: Infinity });
}

/** Values JSON cannot hold as such: big integers as text, errors as their message and stack. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/**
 * A logger for a process whose start failed, possibly because its configuration is invalid:
 * LOG_FORMAT is honoured when it is one of the formats, and errors are always written.
 */
export function loggerForFailedStart(env: NodeJS.ProcessEnv = process.env): ServiceLogger {
  const format = env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty' ? env.LOG_FORMAT : undefined;
  return new ServiceLogger({ level: 'error', format });
}
