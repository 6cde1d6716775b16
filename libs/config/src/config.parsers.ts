import type { ParseContext } from './config-variable';

/** Parsers shared by several variables; each names the variable and quotes the text it refused. */

export type Parser<T> = (text: string | undefined, context: ParseContext) => T;

/** A whole number from `min` to `max`, described as `expected` when it is not one. */
export function wholeNumber(min: number, max: number, expected: string): Parser<number> {
  return (text, { name, problem }) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) problem(`${name} must be ${expected}, got "${text}"`);
    return value;
  };
}

/** true/false (also 1/0, yes/no, on/off); empty reads as the default. */
export const flag: Parser<boolean> = (text, context) => {
  const fallback = switchWord(context.fallback ?? 'false') ?? false;
  if (text === undefined || text === '') return fallback;
  const value = switchWord(text);
  if (value !== undefined) return value;
  context.problem(`${context.name} must be true or false, got "${text}"`);
  return fallback;
};

function switchWord(text: string): boolean | undefined {
  if (['1', 'true', 'yes', 'on'].includes(text.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return false;
  return undefined;
}

/** One of a fixed list of words. */
export function oneOf<T extends string>(values: readonly T[]): Parser<T> {
  return (text, { name, problem }) => {
    if (!values.includes(text as T)) problem(`${name} must be one of ${values.join(', ')}, got "${text}"`);
    return text as T;
  };
}

/** `parse` when the variable is set (not empty); absent otherwise. */
export function optional<T>(parse: Parser<T>): Parser<T | undefined> {
  return (text, context) => (text === undefined || text.trim() === '' ? undefined : parse(text.trim(), context));
}

/** A name such as a client id: surrounding spaces dropped, empty reads as the default. */
export const trimmedName: Parser<string> = (text, { fallback }) => text?.trim() || fallback || '';

/** The text as given. */
export const verbatim: Parser<string> = (text) => text ?? '';

/** Optional text: surrounding spaces dropped, absent when empty. */
export const optionalText: Parser<string | undefined> = (text) => text?.trim() || undefined;

/** A database URL Spinout can open: PostgreSQL or an SQLite file. */
export const databaseUrl: Parser<string> = (text, { name, problem }) => {
  const url = text ?? '';
  if (!/^(postgres(ql)?:\/\/|sqlite:)/.test(url))
    problem(`${name} must start with postgres:// or sqlite:, got "${url}"`);
  return url;
};

/** Comma-separated host:port entries; empty is an empty list. */
export const hostPortList: Parser<string[]> = (text, { name, problem }) => {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries)
    if (!/^[^:\s]+:\d+$/.test(entry)) problem(`${name} entries must be host:port, got "${entry}"`);
  return entries;
};
