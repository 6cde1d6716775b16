import { inspect } from 'node:util';

const COLOUR: Record<string, string> = {
  fatal: '\x1b[31m',
  error: '\x1b[31m',
  warn: '\x1b[33m',
  info: '\x1b[32m',
  debug: '\x1b[35m',
  trace: '\x1b[36m',
};
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** A request line's message says its method, route and status already. */
const STATED_BY_REQUEST_MESSAGE = new Set(['method', 'route', 'status']);

/**
 * A log line for a person: `12:00:01.250 INFO  [HTTP] POST /service-units 201 durationMs=… actor=…`,
 * then the stack on lines of its own. ANSI colours only when `colours` (the output is a terminal).
 */
export function prettyLine(
  line: { time: string; level: string; context?: string; msg: string } & Record<string, unknown>,
  colours: boolean,
): string {
  const { time, level, context, msg, stack, ...fields } = line;
  const paint = (code: string | undefined, text: string) => (colours && code ? `${code}${text}${RESET}` : text);
  const requestLine = typeof fields.method === 'string' && msg.startsWith(`${fields.method} `);
  const extra = Object.entries(fields)
    .filter(([key, value]) => value !== undefined && !(requestLine && STATED_BY_REQUEST_MESSAGE.has(key)))
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'string' ? value : inspect(value, { depth: 3, breakLength: Infinity })}`,
    );
  const head = [
    paint(DIM, time.slice(11, 23)),
    paint(COLOUR[level], level.toUpperCase().padEnd(5)),
    context ? paint('\x1b[33m', `[${context}]`) : undefined,
    msg,
    extra.length > 0 ? paint(DIM, extra.join(' ')) : undefined,
  ].filter((part) => part !== undefined && part !== '');
  return typeof stack === 'string' && stack !== '' ? `${head.join(' ')}\n${stack}` : head.join(' ');
}
