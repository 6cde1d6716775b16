import { Client } from 'pg';
import { alternate, closedLoop, openLoop, type LoadResult, type Run, type Target } from './load';
import { loadAverage, ms, printTable, rate, ratio, say, target } from './report';
import { throwawayPostgres, throwawaySqlite, type ServerProcess } from './servers';
import { bearer, processorsCaughtUp, registerBody, startBaseline, startSpinout } from './spinout';

/**
 * Section one: Spinout in three set-ups, each a child process on a fresh database, beside the
 * baseline (a child process too, on a database of its own). Every measure takes turns between
 * the two in slices, so that whatever else the machine is doing weighs on both alike: commands
 * in a closed loop, the same commands at a fixed rate, the GET of one aggregate, a list of 50
 * rows (the baseline's table first given as many rows as the view holds) and /health.
 */
export interface Settings {
  seconds: number;
  connections: number;
  rate: number;
  poolSize: number;
  /** Whether the setup with this key (postgres, postgres-api, sqlite) runs: BENCH_HTTP_ONLY. */
  chosen: (key: string) => boolean;
}

interface Setup {
  key: string;
  label: string;
  processors: boolean;
  start(): Promise<ServerProcess>;
}

interface Routes {
  command: string;
  aggregate: (id: string) => string;
  list: string;
  health: string;
}

const SPINOUT: Routes = {
  command: '/service-units',
  aggregate: (id) => `/service-units/${id}`,
  list: '/views/units?limit=50',
  health: '/health',
};
const BASELINE: Routes = {
  command: '/baseline/service-units',
  aggregate: (id) => `/baseline/service-units/${id}`,
  list: '/baseline/service-units?limit=50',
  health: '/baseline/health',
};
const MEASURES = ['commands', 'fixed', 'aggregate', 'list', 'health'] as const;
type Measure = (typeof MEASURES)[number];
type Pair = { spinout: LoadResult; baseline: LoadResult };
/** Each measure for Spinout and for the baseline beside it, and how many rows the lists held. */
type Figures = Record<Measure, Pair> & { listed: number };

/** Slices of this many seconds take turns; short enough to follow the machine's load, long enough to settle. */
const SLICE_SECONDS = 2;
const HEALTH_TODAY = 105;

export async function commandsSection(settings: Settings): Promise<void> {
  const setups: Setup[] = [
    {
      key: 'postgres',
      label: 'Spinout PostgreSQL',
      processors: true,
      start: async () => startSpinout((await throwawayPostgres('spinout')).url, true),
    },
    {
      key: 'postgres-api',
      label: 'Spinout PostgreSQL, RUN_PROCESSORS=false',
      processors: false,
      start: async () => startSpinout((await throwawayPostgres('api')).url, false),
    },
    {
      key: 'sqlite',
      label: 'Spinout SQLite',
      processors: true,
      start: () => startSpinout(throwawaySqlite().url, true),
    },
  ];
  const baselineDatabase = await throwawayPostgres('baseline');
  const baseline = await startBaseline(baselineDatabase.url, settings.poolSize);
  const results = new Map<string, Figures>();
  try {
    for (const setup of setups.filter((s) => settings.chosen(s.key))) {
      say(`\n${setup.label} (beside the baseline): starting`);
      const server = await setup.start();
      try {
        results.set(setup.key, await measure({ server, setup, baseline, baselineUrl: baselineDatabase.url }, settings));
      } finally {
        await server.stop();
      }
    }
  } finally {
    await baseline.stop();
  }
  report(setups, results, settings);
}

interface Servers {
  server: ServerProcess;
  setup: Setup;
  baseline: ServerProcess;
  baselineUrl: string;
}

async function measure({ server, setup, baseline, baselineUrl }: Servers, settings: Settings): Promise<Figures> {
  const headers = bearer('bench.office', 'reform_office');
  let n = 0;
  const commandOf = (url: string, routes: Routes): Target => ({
    url,
    method: 'POST',
    path: routes.command,
    headers,
    body: () => registerBody((n += 1)),
  });
  const getOf = (url: string, path: string): Target => ({ url, path, headers });
  const [spinoutId, baselineId] = [
    await registerOne(server.url, SPINOUT, headers),
    await registerOne(baseline.url, BASELINE, headers),
  ];
  const settle = setup.processors ? () => processorsCaughtUp(server, 300_000).then(() => undefined) : undefined;
  const slices = Math.max(1, Math.round(settings.seconds / SLICE_SECONDS));
  const seconds = settings.seconds / slices;
  const turns = async (label: string, slice: (url: string, routes: Routes) => Promise<Run>, count = slices) => {
    const pair = await alternate(
      {
        spinout: { slice: () => slice(server.url, SPINOUT), after: settle },
        baseline: { slice: () => slice(baseline.url, BASELINE) },
      },
      count,
    );
    say(`  ${label}: ${line(pair.spinout)}; baseline ${line(pair.baseline)}`);
    return pair;
  };
  await turns('warm-up', (url, routes) => closedLoop(commandOf(url, routes), settings.connections, 2), 1);
  const commands = await turns(`commands, ${settings.connections} connections`, (url, routes) =>
    closedLoop(commandOf(url, routes), settings.connections, seconds),
  );
  const fixed = await turns(`commands at ${settings.rate}/s`, (url, routes) =>
    openLoop(commandOf(url, routes), settings.rate, seconds),
  );
  const ids = new Map([
    [server.url, spinoutId],
    [baseline.url, baselineId],
  ]);
  const aggregate = await turns('GET one aggregate', (url, routes) =>
    closedLoop(getOf(url, routes.aggregate(ids.get(url) ?? '')), settings.connections, seconds),
  );
  const listed = ((await (await fetch(`${server.url}${SPINOUT.list}`, { headers })).json()) as { total: number }).total;
  await resizeBaselineTable(baselineUrl, listed);
  const list = await turns(`GET ${SPINOUT.list} (${listed} rows)`, (url, routes) =>
    closedLoop(getOf(url, routes.list), settings.connections, seconds),
  );
  const health = await turns('GET /health', (url, routes) =>
    closedLoop(getOf(url, routes.health), settings.connections, seconds),
  );
  return { commands, fixed, aggregate, list, health, listed };
}

function line(result: LoadResult): string {
  const failures = result.failed > 0 ? `, ${result.failed} failed (${result.sample.join('; ')})` : '';
  return `${rate(result.rate)}/s, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms${failures}`;
}

async function registerOne(url: string, routes: Routes, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${url}${routes.command}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: registerBody(0),
  });
  if (response.status !== 201)
    throw new Error(`POST ${url}${routes.command} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** The baseline's table with exactly `rows` rows like the ones its route inserts, so that both lists count and sort as many. */
async function resizeBaselineTable(url: string, rows: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('TRUNCATE baseline_units');
    const data = {
      ...(JSON.parse(registerBody(0)) as object),
      registeredAt: new Date().toISOString(),
      registeredBy: 'baseline',
    };
    const metadata = {
      actor: 'baseline',
      correlationId: '00000000-0000-4000-8000-000000000000',
      occurredAt: new Date().toISOString(),
    };
    await client.query(
      `INSERT INTO baseline_units (id, stream_id, type, name, data, metadata, key)
       SELECT id, 'serviceUnit-' || id, 'ServiceUnitRegistered', 'Staff canteen ' || g, $1::jsonb || jsonb_build_object('unitId', id), $2::jsonb, repeat(md5(g::text), 2)
       FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, $3::int) AS g) AS numbered`,
      [JSON.stringify(data), JSON.stringify(metadata), rows],
    );
    await client.query('ANALYZE baseline_units');
  } finally {
    await client.end();
  }
}

function report(setups: Setup[], results: Map<string, Figures>, settings: Settings): void {
  const rows = [
    [
      'server',
      'measure',
      'req/s',
      'p50 ms',
      'p99 ms',
      'baseline req/s',
      'p50 ms',
      'p99 ms',
      'vs baseline',
      'target (issue 14)',
    ],
  ];
  for (const setup of setups) {
    const figures = results.get(setup.key);
    if (figures) rows.push(...rowsOf(setup, figures, settings));
  }
  say(`\nload average at the end: ${loadAverage()}`);
  say(
    `HTTP figures, ${settings.seconds} s per measure and side, in ${SLICE_SECONDS}-second turns with the baseline (NestJS + pg on PostgreSQL;`,
  );
  say(
    'SQLite rows are compared with it too). req/s counts 2xx answers; latencies are those of 2xx answers, at the fixed rate',
  );
  say('timed from when each request was due. vs baseline: ratio of req/s (for the fixed rate: of p99).');
  printTable(rows, [2, 3, 4, 5, 6, 7, 8]);
}

/** One set-up's lines: its figures, the baseline's beside them, the ratio, and the targets. */
function rowsOf(setup: Setup, figures: Figures, settings: Settings): string[][] {
  const minimum = setup.processors ? 0.35 : 0.5;
  const commandsRatio = figures.commands.spinout.rate / figures.commands.baseline.rate;
  const goals: Record<Measure, string> = {
    commands: target(
      `≥ ${minimum.toFixed(2)} ${setup.processors ? 'with' : 'without'} processors`,
      commandsRatio >= minimum,
    ),
    fixed: target('p99 ≤ 50 ms', figures.fixed.spinout.p99 <= 50),
    aggregate: '',
    list: '',
    health: target(
      `≥ ${HEALTH_TODAY * 10}/s (10× ~${HEALTH_TODAY}/s)`,
      figures.health.spinout.rate >= HEALTH_TODAY * 10,
    ),
  };
  const rows =
    figures.listed > 0 ? `${rate(figures.listed)} rows` : setup.processors ? 'empty' : 'empty: no processors';
  const labels: Record<Measure, string> = {
    commands: `POST command, ${settings.connections} conn`,
    fixed: `POST command at ${settings.rate}/s`,
    aggregate: 'GET one aggregate',
    list: `GET ${SPINOUT.list} (${rows})`,
    health: 'GET /health',
  };
  return MEASURES.map((m) => {
    const { spinout, baseline } = figures[m];
    const versus =
      m === 'fixed' ? `p99 ${(spinout.p99 / baseline.p99).toFixed(1)}×` : ratio(spinout.rate / baseline.rate);
    return [
      setup.label,
      labels[m],
      rate(spinout.rate),
      ms(spinout.p50),
      ms(spinout.p99),
      rate(baseline.rate),
      ms(baseline.p50),
      ms(baseline.p99),
      versus,
      goals[m],
    ];
  });
}
