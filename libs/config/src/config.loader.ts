import { type ConfigVariable, defaultIn, type Role } from './config-variable';
import { CONFIG_SCHEMA, type ConfigSchema, isProduction } from './config.schema';

type RolesOf<V> = V extends ConfigVariable<unknown, infer R> ? R : never;
type ValueOf<V> = V extends ConfigVariable<infer T, Role> ? T : never;

/** The configuration a role reads: one field per variable of the schema that role reads. */
export type ConfigOf<R extends Role> = {
  [K in keyof ConfigSchema as R extends RolesOf<ConfigSchema[K]> ? K : never]: ValueOf<ConfigSchema[K]>;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the variables `role` reads; throws one ConfigError listing every problem found. */
export function loadConfigFor<R extends Role>(role: R, env: NodeJS.ProcessEnv = process.env): ConfigOf<R> {
  const problems: string[] = [];
  const production = isProduction(env.NODE_ENV);
  const values: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(CONFIG_SCHEMA) as [string, ConfigVariable<unknown>][]) {
    if (!variable.roles.includes(role)) continue;
    const fallback = defaultIn(variable, role);
    const context = { name: variable.name, fallback, production, problem: (message: string) => problems.push(message) };
    values[key] = variable.parse(env[variable.name] ?? fallback, context);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // The loop above set exactly the fields ConfigOf<R> names, each from its variable's parser.
  return values as ConfigOf<R>;
}
