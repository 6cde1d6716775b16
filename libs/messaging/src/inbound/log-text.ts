import type { MessagingLogger } from '../kafka/kafka-client';

/**
 * Characters that would let text taken from a message break or disguise a log line: C0 and C1
 * controls (a newline starts a forged entry), the Unicode line and paragraph separators, bidi
 * and invisible format characters, the backslash (so an escape is never ambiguous) and unpaired
 * UTF-16 surrogates.
 */
const UNSAFE_IN_LOG =
  /[\\\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` for one log line: every unsafe character escaped (`\n`, `\u0000`, …) and the whole cut at `maxLength`. */
export function escapeForLog(text: string, maxLength = 4000): string {
  const cut =
    text.length > maxLength ? `${text.slice(0, maxLength)}… (${text.length - maxLength} more characters)` : text;
  return cut.replace(UNSAFE_IN_LOG, (ch) => SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A logger whose every line is escaped: what a message carried never reaches the log as raw text. */
export function escapingLogger(logger: MessagingLogger): MessagingLogger {
  return {
    log: (message) => logger.log(escapeForLog(message)),
    warn: (message) => logger.warn(escapeForLog(message)),
    error: (message, detail) =>
      logger.error(escapeForLog(message), detail === undefined ? undefined : escapeForLog(detail)),
    debug: logger.debug ? (message) => logger.debug?.(escapeForLog(message)) : undefined,
  };
}
