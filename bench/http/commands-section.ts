import { closedLoop, openLoop, type LoadResult, type Target } from './load';
import { loadAverage, ms, printTable, rate, ratio, say, target } from './report';
import { throwawayPostgres, throwawaySqlite, type ServerProcess } from './servers';
import { bearer, processorsCaughtUp, registerBody, startBaseline, startSpinout } from './spinout';

/**
 * Section one: the baseline and Spinout in three set-ups, each a child process on a fresh
 * database, driven over a real socket with the same requests: commands in a closed loop, the
 * same commands at a fixed rate, the GET of one aggregate, a view list and /health.
 */
export interface Settings {
  seconds: number;
  connections: number;
  rate: number;
  poolSize: number;
  only: (key: string) => boolean;
}

interface Setup {
  key: string;
  label: string;
  processors: boolean;
  start(): Promise<ServerProcess>;
  routes: { command: string; aggregate: (id: string) => string; list: string; health: string };
}

type Measure = 'commands' | 'fixed' | 'aggregate' | 'list' | 'health';
/** The figures, and how many rows the listed table or view held while it was read. */
type Figures = Record<Measure, LoadResult> & { listed: number };

const SPINOUT_ROUTES = {
  command: '/service-units',
  aggregate: (id: string) => `/service-units/${id}`,
  list: '/views/units?limit=50',
  health: '/health',
};
const HEALTH_TODAY = 105;

export async function commandsSection(settings: Settings): Promise<void> {
  const setups: Setup[] = [
    {
      key: 'baseline',
      label: 'baseline',
      processors: false,
      start: async () => startBaseline((await throwawayPostgres('baseline')).url, settings.poolSize),
      routes: {
        command: '/baseline/service-units',
        aggregate: (id) => `/baseline/service-units/${id}`,
        list: '/baseline/service-units?limit=50',
        health: '/baseline/health',
      },
    },
    {
      key: 'postgres',
      label: 'Spinout PostgreSQL',
      processors: true,
      start: async () => startSpinout((await throwawayPostgres('spinout')).url, true),
      routes: SPINOUT_ROUTES,
    },
    {
      key: 'postgres-api',
      label: 'Spinout PostgreSQL, RUN_PROCESSORS=false',
      processors: false,
      start: async () => startSpinout((await throwawayPostgres('api')).url, false),
      routes: SPINOUT_ROUTES,
    },
    {
      key: 'sqlite',
      label: 'Spinout SQLite',
      processors: true,
      start: () => startSpinout(throwawaySqlite().url, true),
      routes: SPINOUT_ROUTES,
    },
  ];
  const results = new Map<string, Figures>();
  for (const setup of setups.filter((s) => settings.only(s.key))) {
    say(`\n${setup.label}: starting`);
    const server = await setup.start();
    try {
      results.set(setup.key, await measure(server, setup, settings));
    } finally {
      await server.stop();
    }
  }
  report(setups, results, settings);
}

async function measure(server: ServerProcess, setup: Setup, settings: Settings): Promise<Figures> {
  const headers = bearer('bench.office', 'reform_office');
  let n = 0;
  const command: Target = {
    url: server.url,
    method: 'POST',
    path: setup.routes.command,
    headers,
    body: () => registerBody((n += 1)),
  };
  const first = await fetch(`${server.url}${setup.routes.command}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: registerBody(0),
  });
  if (first.status !== 201)
    throw new Error(
      `${setup.label}: POST ${setup.routes.command} answered ${first.status}: ${await first.text()}\n${server.log()}`,
    );
  const { id } = (await first.json()) as { id: string };
  const settle = async () => {
    if (!setup.processors) return;
    const started = Date.now();
    await processorsCaughtUp(server, 300_000);
    say(`  processors caught up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const step = async (label: string, run: () => Promise<LoadResult>) => {
    const result = await run();
    const failures = result.failed > 0 ? `, ${result.failed} failed (${result.sample.join('; ')})` : '';
    say(`  ${label}: ${rate(result.rate)}/s, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms${failures}`);
    return result;
  };
  await closedLoop(command, settings.connections, 2); // warm-up: JIT, pools, caches
  const commands = await step(`commands, ${settings.connections} connections`, () =>
    closedLoop(command, settings.connections, settings.seconds),
  );
  await settle();
  const fixed = await step(`commands at ${settings.rate}/s`, () => openLoop(command, settings.rate, settings.seconds));
  await settle();
  const get = (path: string): Target => ({ url: server.url, path, headers });
  const aggregate = await step('GET one aggregate', () =>
    closedLoop(get(setup.routes.aggregate(id)), settings.connections, settings.seconds),
  );
  const listed = ((await (await fetch(`${server.url}${setup.routes.list}`, { headers })).json()) as { total: number })
    .total;
  const list = await step(`GET ${setup.routes.list} (${listed} rows)`, () =>
    closedLoop(get(setup.routes.list), settings.connections, settings.seconds),
  );
  const health = await step(`GET ${setup.routes.health}`, () =>
    closedLoop(get(setup.routes.health), settings.connections, settings.seconds),
  );
  return { commands, fixed, aggregate, list, health, listed };
}

const MEASURES: Measure[] = ['commands', 'fixed', 'aggregate', 'list', 'health'];

function report(setups: Setup[], results: Map<string, Figures>, settings: Settings): void {
  const base = results.get('baseline');
  const rows = [['server', 'measure', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'target (issue 14)']];
  for (const setup of setups) {
    const figures = results.get(setup.key);
    if (figures) rows.push(...rowsOf(setup, figures, base, settings));
  }
  say(`\nload average at the end: ${loadAverage()}`);
  say(`HTTP figures, ${settings.seconds} s per measure. req/s counts 2xx answers; latencies are those of 2xx answers,`);
  say(
    'at the fixed rate from when each request was due. The baseline runs on PostgreSQL; SQLite rows are compared with it.',
  );
  printTable(rows, [2, 3, 4, 5]);
}

/** One setup's lines: figures, ratio to the baseline (rates; p99 for the fixed rate) and the issue's targets. */
function rowsOf(setup: Setup, figures: Figures, base: Figures | undefined, settings: Settings): string[][] {
  const spinout = setup.key !== 'baseline';
  const versus = (measure: Measure) => {
    if (!base || !spinout) return '';
    if (measure === 'fixed') return `p99 ${(figures.fixed.p99 / base.fixed.p99).toFixed(1)}×`;
    return ratio(figures[measure].rate / base[measure].rate);
  };
  const minimum = setup.processors ? 0.35 : 0.5;
  const commandGoal = `≥ ${minimum.toFixed(2)} ${setup.processors ? 'with' : 'without'} processors`;
  const healthGoal = `≥ ${HEALTH_TODAY * 10}/s (10× ~${HEALTH_TODAY}/s)`;
  const goals: Record<Measure, string> = {
    commands: spinout && base ? target(commandGoal, figures.commands.rate / base.commands.rate >= minimum) : '',
    fixed: spinout ? target('p99 ≤ 50 ms', figures.fixed.p99 <= 50) : '',
    aggregate: '',
    list: '',
    health: spinout ? target(healthGoal, figures.health.rate >= HEALTH_TODAY * 10) : '',
  };
  const labels: Record<Measure, string> = {
    commands: `POST command, ${settings.connections} conn`,
    fixed: `POST command at ${settings.rate}/s`,
    aggregate: 'GET one aggregate',
    list: `GET ${setup.routes.list} (${figures.listed > 0 ? `${rate(figures.listed)} rows` : setup.processors ? 'empty' : 'empty: no processors'})`,
    health: `GET ${setup.routes.health}`,
  };
  return MEASURES.map((m) => [
    setup.label,
    labels[m],
    rate(figures[m].rate),
    ms(figures[m].p50),
    ms(figures[m].p99),
    versus(m),
    goals[m],
  ]);
}
