import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigError, CONFIG_SCHEMA, loadConfigFor, type Role } from '.';

const VARIABLES = Object.values(CONFIG_SCHEMA);

/** The names in the first column of the table under the README's "Configuration" heading. */
function readmeConfigurationTable(): string[] {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const section = readme.split(/^## Configuration\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const table = section.slice(section.indexOf('\n|')).split(/\n(?!\|)/)[0];
  return [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
}

function problemsOf(role: Role, env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfigFor(role, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

describe('configuration schema', () => {
  it("is what the README's configuration table lists, no more and no less", () => {
    const documented = readmeConfigurationTable();
    expect(documented.length).toBeGreaterThan(0);
    expect([...documented].sort()).toEqual(VARIABLES.map((variable) => variable.name).sort());
  });

  it('defines each variable once, read by at least one role and described', () => {
    const names = VARIABLES.map((variable) => variable.name);
    expect(new Set(names).size).toBe(names.length);
    for (const variable of VARIABLES) {
      expect(variable.roles.length).toBeGreaterThan(0);
      expect(variable.description).not.toBe('');
    }
  });

  it('refuses a shared variable with the same message in the API and the worker', () => {
    const env = {
      DATABASE_URL: 'mysql://x',
      JWT_SECRET: 'q8Vd2LkT7wPz4NcR1xYb6HsJ0fGm3AeU',
      PROCESSOR_POLL_MS: '5',
      LOG_LEVEL: 'loud',
      KAFKA_BROKERS: 'nohost',
      KAFKA_MAX_CLOCK_SKEW_SECONDS: 'soon',
    };
    const api = problemsOf('api', env);
    expect(api).toHaveLength(5);
    expect(problemsOf('worker', env)).toEqual(api);
  });

  it('gives each role only the variables it reads, with its own defaults', () => {
    const worker = loadConfigFor('worker', { DATABASE_URL: 'sqlite:./data/w.sqlite' });
    const readByWorker = Object.entries(CONFIG_SCHEMA)
      .filter(([, variable]) => (variable.roles as readonly Role[]).includes('worker'))
      .map(([field]) => field);
    expect(Object.keys(worker).sort()).toEqual(readByWorker.sort());
    expect(worker).not.toHaveProperty('port');
    expect(worker.kafkaClientId).toBe('spinout-worker');
    expect(loadConfigFor('api', { JWT_SECRET: 'q8Vd2LkT7wPz4NcR1xYb6HsJ0fGm3AeU' })).toMatchObject({
      kafkaClientId: 'spinout',
      databaseUrl: 'sqlite:./data/spinout.sqlite',
    });
  });

  it('requires DATABASE_URL in the worker only', () => {
    expect(problemsOf('worker', {})).toEqual(['DATABASE_URL must start with postgres:// or sqlite:, got ""']);
    expect(problemsOf('api', { JWT_SECRET: 'q8Vd2LkT7wPz4NcR1xYb6HsJ0fGm3AeU' })).toEqual([]);
  });
});
