/**
 * Text that no store can keep faithfully: PostgreSQL refuses NUL in `text` and `\u0000` in
 * `jsonb`, and neither a lone UTF-16 surrogate (half of a pair) nor NUL survives a round trip
 * through UTF-8. SQLite would store both and hand back something else, so the rule is applied
 * at the edges (HTTP, Kafka) for every database alike.
 */
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a piece of text is refused, or undefined when it is safe to store. */
export function unsafeTextReason(text: string): string | undefined {
  const match = UNSAFE.exec(text);
  if (match === null) return undefined;
  return match[0] === '\u0000'
    ? 'contains a NUL character (U+0000)'
    : `contains an unpaired UTF-16 surrogate (U+${match[0].charCodeAt(0).toString(16).toUpperCase()})`;
}

export interface TextProblem {
  /** Dotted path of the offending value or key, e.g. `assets.0.description`. */
  readonly field: string;
  readonly message: string;
}

export interface InputLimits {
  /** Deepest nesting of objects and arrays allowed (the top level is depth 1). */
  readonly maxDepth: number;
}

/** Property names that reach an object's prototype when a library copies them naively. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks a parsed JSON value (or query object) without recursion, so hostile nesting cannot
 * exhaust the stack, and returns the first problem: nesting deeper than the limit, unsafe text
 * in a string value or a property name, or a property name that would reach a prototype.
 */
export function findInputProblem(value: unknown, limits: InputLimits, root = ''): TextProblem | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const reason = unsafeTextReason(item.value);
      if (reason) return { field: item.path || 'body', message: `${item.path || 'the value'} ${reason}` };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > limits.maxDepth) {
      return { field: item.path || 'body', message: `nesting deeper than ${limits.maxDepth} levels is not accepted` };
    }
    for (const [key, child] of Object.entries(item.value)) {
      const path = item.path ? `${item.path}.${key}` : key;
      const reason = unsafeTextReason(key);
      if (reason) return { field: path, message: `a property name ${reason}` };
      if (PROTOTYPE_KEYS.has(key)) return { field: path, message: `"${key}" is not accepted as a property name` };
      stack.push({ value: child, path, depth });
    }
  }
  return undefined;
}
