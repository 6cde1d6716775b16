import {
  contractDecider,
  type ContractState,
  idInStream,
  isUnifiedSocialCreditCode,
  providerDecider,
  type ProviderState,
  SERVICE_CATEGORIES,
  SERVICE_UNIT_STAGES,
  serviceUnitDecider,
  type ServiceUnitState,
} from '@spinout/domain';
import { type Checkpoint, foldStream, ProcessorHost, SqlEventStore, type StoredEvent } from '@spinout/event-store';
import { UniqueClaims, WORKFLOW_MIGRATIONS, workflowProcessManagers } from '@spinout/workflow';
import { DATABASES, type OpenedDatabase } from '../../event-store/test/databases';
import { eventually } from '../../../test/support/eventually';
import { DEMO_ACTORS, unitIdOf } from './demo-data';
import { seedDemoProgramme } from './demo-programme';
import type { DemoSummary } from './demo-summary';
import { UNITS } from './demo-units';

type Unit = Extract<ServiceUnitState, { status: 'registered' }>;
type Provider = Exclude<ProviderState, { status: 'not_registered' }>;
type Contract = Exclude<ContractState, { status: 'none' }>;

/** Events stored, counted in the table: exact at once, unlike readAll, which on PostgreSQL holds back commits that may still be followed by lower positions. */
async function storedCount(opened: OpenedDatabase): Promise<number> {
  const [row] = await opened.db.query<{ n: string | number }>('SELECT COUNT(*) AS n FROM events');
  return Number(row.n);
}

async function wholeLog(store: SqlEventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let after: Checkpoint | null = null; ;) {
    const page = await store.readAll(after, 1000);
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.checkpoint;
  }
}

/** Every aggregate in the log, folded with its own decider. */
function foldAll(log: readonly StoredEvent[]) {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of log) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  const of = (name: 'serviceUnit' | 'provider' | 'contract') =>
    [...streams.entries()].filter(([id]) => idInStream(name, id) !== undefined).map(([, events]) => events);
  return {
    units: of('serviceUnit').map((events) => foldStream(serviceUnitDecider, events) as Unit),
    providers: of('provider').map((events) => foldStream(providerDecider, events) as Provider),
    contracts: of('contract').map((events) => foldStream(contractDecider, events) as Contract),
  };
}

const MONTHS_2025 = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

describe.each(DATABASES)('demo programme on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;
  let first: DemoSummary;
  let log: StoredEvent[];
  let seeded: ReturnType<typeof foldAll>;
  const logged: string[] = [];

  beforeAll(async () => {
    opened = await kind.open({ migrations: WORKFLOW_MIGRATIONS });
    store = new SqlEventStore(opened.db);
    first = await seedDemoProgramme(store, {
      claims: new UniqueClaims(opened.db),
      logger: { log: (line) => logged.push(line) },
    });
    const stored = await storedCount(opened);
    log = await eventually(async () => {
      const events = await wholeLog(store);
      expect(events).toHaveLength(stored);
      return events;
    });
    seeded = foldAll(log);
  }, 60_000);
  afterAll(async () => {
    await opened?.dispose();
  });

  it('issues every step through the domain without a refusal, at past instants that only move forward', () => {
    expect(first.run).toMatchObject({ refused: 0, alreadyApplied: 0, eventsAppended: log.length });
    expect(logged).toEqual([expect.stringContaining(`${log.length} events appended`)]);
    const times = log.map((event) => Date.parse(event.metadata.occurredAt));
    expect(times.every((time, i) => i === 0 || time >= times[i - 1])).toBe(true);
    expect(Math.max(...times)).toBeLessThan(Date.parse('2026-03-01T00:00:00Z'));
    expect(new Set(log.map((event) => event.metadata.actor))).toEqual(new Set(Object.values(DEMO_ACTORS)));
  });

  it('registers 25 units of three agencies, every category and every stage, each where the catalogue says', () => {
    const { units } = seeded;
    expect(units).toHaveLength(25);
    expect(new Set(units.map((unit) => unit.agency)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(units.map((unit) => unit.category))).toEqual(new Set(SERVICE_CATEGORIES));
    expect(new Set(units.map((unit) => unit.stage))).toEqual(new Set(SERVICE_UNIT_STAGES));
    for (const entry of UNITS)
      expect(units.find((unit) => unit.unitId === unitIdOf(entry.key))?.stage).toBe(entry.stage);
    expect(
      units.every(
        (unit) => /^[0-9a-f]{8}-[0-9a-f]{4}-5/.test(unit.unitId) && unit.annualCostBaseline.currency === 'CNY',
      ),
    ).toBe(true);
    const overdue = units
      .flatMap((unit) => unit.milestones)
      .filter((m) => m.completedAt === null && m.dueDate < '2026-01-01');
    expect(overdue.length).toBeGreaterThan(0);
    expect(first.unitsByStage).toEqual(
      Object.fromEntries(SERVICE_UNIT_STAGES.map((stage) => [stage, units.filter((u) => u.stage === stage).length])),
    );
  });

  it('registers 8 providers with valid credit codes: one suspended, one debarred, one spun off from a unit and contracted for it', () => {
    const { providers, units, contracts } = seeded;
    expect(providers).toHaveLength(8);
    expect(providers.every((provider) => isUnifiedSocialCreditCode(provider.creditCode))).toBe(true);
    expect(new Set(providers.map((provider) => provider.creditCode)).size).toBe(8);
    expect(providers.filter((provider) => provider.status === 'suspended')).toHaveLength(1);
    expect(providers.filter((provider) => provider.status === 'debarred')).toHaveLength(1);
    const spinOff = providers.find((provider) => provider.predecessorUnitId !== null)!;
    const predecessor = units.find((unit) => unit.unitId === spinOff.predecessorUnitId)!;
    expect(predecessor.stage).toBe('spun_off');
    expect(units.filter((unit) => unit.stage === 'spun_off')).toHaveLength(1);
    const contract = contracts.find((c) => c.contractId === predecessor.contractId)!;
    expect(contract).toMatchObject({ providerId: spinOff.providerId, status: 'active' });
  });

  it('measures every active contract for the twelve months of 2025 and pays every settlement, approved by someone other than its recorder', () => {
    const active = seeded.contracts.filter((contract) => contract.status === 'active');
    expect(active.length).toBeGreaterThanOrEqual(8);
    for (const contract of active) {
      expect(contract.signedBy).not.toBe(contract.draftedBy);
      for (const sla of contract.slas) {
        expect(MONTHS_2025.map((period) => contract.measurements[`${sla.slaId}:${period}`]?.period)).toEqual(
          MONTHS_2025,
        );
      }
      const settlements = MONTHS_2025.map((period) => contract.settlements[period]);
      expect(settlements.map((s) => s?.status)).toEqual(MONTHS_2025.map(() => 'paid'));
      expect(
        settlements.every((s) => s.approvedBy !== s.recordedBy && s.paidAmount?.amountMinor === s.net.amountMinor),
      ).toBe(true);
    }
    const outcomes = active.flatMap((contract) => Object.values(contract.measurements).map((m) => m.outcome));
    expect(outcomes).toEqual(expect.arrayContaining(['met', 'breached', 'critically_breached']));
    const credited = active
      .flatMap((contract) => Object.values(contract.settlements))
      .filter((s) => s.credits.amountMinor > 0);
    expect(credited.length).toBeGreaterThan(0);
    expect(first).toMatchObject({ settlementsPaid: first.settlements, contracts: seeded.contracts.length });
  });

  it('records a correction, closes a rectification plan with evidence, and terminates one contract whose unit is re-tendered', () => {
    const { contracts, units } = seeded;
    const measurements = contracts.flatMap((contract) => Object.values(contract.measurements));
    expect(measurements.filter((m) => m.corrected).length).toBeGreaterThanOrEqual(1);
    expect(log.filter((event) => event.type === 'SettlementRecalculated').length).toBeGreaterThanOrEqual(1);
    const closed = contracts
      .flatMap((contract) => Object.values(contract.rectifications))
      .filter((plan) => plan.status === 'closed');
    expect(closed.length).toBeGreaterThanOrEqual(1);
    expect(closed[0].evidence).toEqual(expect.any(String));
    const terminated = contracts.filter((contract) => contract.status === 'terminated');
    expect(terminated).toHaveLength(1);
    const reopened = units.find((unit) => unit.lastTermination?.contractId === terminated[0].contractId)!;
    expect(reopened).toMatchObject({ stage: 'procurement', lastTermination: { route: 'retender' } });
    expect(first).toMatchObject({
      corrections: measurements.filter((m) => m.corrected).length,
      rectificationsClosed: closed.length,
    });
  });

  it('appends nothing when run a second time', async () => {
    const again = await seedDemoProgramme(store, { claims: new UniqueClaims(opened.db) });
    expect(again.run).toEqual({
      steps: first.run.steps,
      eventsAppended: 0,
      alreadyApplied: first.run.steps,
      refused: 0,
    });
    expect(await storedCount(opened)).toBe(log.length);
    const { run: _first, ...firstFigures } = first;
    const { run: _again, ...againFigures } = again;
    expect(againFigures).toEqual(firstFigures);
  });

  it('agrees with the process managers: replaying them over the seeded log appends nothing', async () => {
    const host = new ProcessorHost({
      db: opened.db,
      store,
      processors: workflowProcessManagers(store),
      pollIntervalMs: 20,
    });
    host.start();
    try {
      await eventually(
        async () => {
          const statuses = await host.statuses();
          expect(statuses.map((s) => ({ lag: s.lag, parked: s.parked }))).toEqual(
            statuses.map(() => ({ lag: 0, parked: 0 })),
          );
        },
        { timeoutMs: 15_000 },
      );
    } finally {
      await host.stop();
    }
    expect(await storedCount(opened)).toBe(log.length);
  });
});
