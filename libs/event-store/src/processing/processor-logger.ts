/**
 * Where the processor runtime reports what it does. Nest's `Logger` fits this shape, so the app
 * passes `new Logger('Processors')`; the library itself stays free of Nest.
 */
export interface ProcessorLogger {
  log(message: string): void;
  warn(message: string): void;
  /** `detail` carries a stack trace when there is one. */
  error(message: string, detail?: string): void;
}

export const SILENT_LOGGER: ProcessorLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A one-line description of anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** The stack if there is one, else the description; bounded so a parked row stays small. */
export function errorDetail(error: unknown, maxLength = 8000): string {
  const text = error instanceof Error && error.stack ? error.stack : describeError(error);
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
