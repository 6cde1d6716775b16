/** The processes Spinout runs as: the HTTP API (which may also host the processors) and the worker. */
export type Role = 'api' | 'worker';

/** What a parser knows besides the text it reads. */
export interface ParseContext {
  /** The variable's name, for messages. */
  readonly name: string;
  /** The default text in the role being loaded (undefined when the role has none). */
  readonly fallback: string | undefined;
  /** NODE_ENV=production: some rules are stricter there. */
  readonly production: boolean;
  /** Records a problem; the loader reports every problem of every variable at once. */
  problem(message: string): void;
}

/** One environment variable: the single place its name, default, meaning, readers and rules are written. */
export interface ConfigVariable<T, R extends Role = Role> {
  readonly name: string;
  /** The roles that read it. */
  readonly roles: readonly R[];
  readonly description: string;
  /** The text read when the variable is unset: the same in every role, or per role (no default: required there). */
  readonly default?: string | Partial<Record<Role, string>>;
  /** Turns the text (the default when unset) into the value, recording what is wrong through `context.problem`. */
  parse(text: string | undefined, context: ParseContext): T;
}

/** Declares a variable, keeping its roles as literal types so each role's configuration type can be derived. */
export function variable<T, R extends Role>(definition: ConfigVariable<T, R>): ConfigVariable<T, R> {
  return definition;
}

/** The text a variable reads as when unset in `role`; undefined when it has no default there. */
export function defaultIn(variable: ConfigVariable<unknown>, role: Role): string | undefined {
  return typeof variable.default === 'object' ? variable.default[role] : variable.default;
}
