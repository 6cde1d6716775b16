import { DATABASES } from '../../event-store/test/databases';
import { appendBulkHistory } from '../test/bulk-history';
import { openProjectionDb, Runtime, type ProjectionDb } from '../test/harness';
import { createProjectionProcessors } from './processors';

/**
 * Rebuild speed: each projection, rebuilt through the runtime, must process the log at no less
 * than a quarter of the rate at which the same log can merely be read (readAll in batches of
 * the same size). Both are measured here, on the same database, in the same run.
 */
const UNITS = Number(process.env.REBUILD_SPEED_UNITS ?? 150);
const TARGET = 0.25;

describe.each(DATABASES)('rebuild speed on $name', (kind) => {
  let p: ProjectionDb;
  let events: number;

  beforeAll(async () => {
    p = await openProjectionDb(kind);
    events = await appendBulkHistory(p.store, UNITS);
  }, 300_000);
  afterAll(() => p?.dispose());

  /** Events per second of reading the whole log in batches, best of two runs. */
  async function readRate(batchSize: number): Promise<number> {
    let best = 0;
    for (let run = 0; run < 2; run += 1) {
      const started = process.hrtime.bigint();
      let checkpoint = null;
      let read = 0;
      for (;;) {
        const batch = await p.store.readAll(checkpoint, batchSize);
        if (batch.events.length === 0) break;
        read += batch.events.length;
        checkpoint = batch.checkpoint;
      }
      best = Math.max(best, read / (Number(process.hrtime.bigint() - started) / 1e9));
    }
    return best;
  }

  it(`rebuilds each projection at ≥ ${TARGET} of the raw read rate`, async () => {
    const runtime = new Runtime(p, createProjectionProcessors());
    const ratios: Record<string, number> = {};
    // Other suites share the machine: each ratio is the best of up to three trials, each against a read rate measured just before.
    for (const name of runtime.host.names) {
      let best = 0;
      for (let trial = 0; trial < 3 && best < TARGET * 2; trial += 1) {
        const raw = await readRate(1000);
        const result = await runtime.host.rebuild(name);
        expect(result.parked).toBe(0);
        best = Math.max(best, result.events / (result.elapsedMs / 1000) / raw);
      }
      ratios[name] = Math.round(best * 100) / 100;
    }
    process.stdout.write(`${kind.name}: ${events} events, rebuild rate / raw read rate ${JSON.stringify(ratios)}\n`);
    for (const ratio of Object.values(ratios)) expect(ratio).toBeGreaterThanOrEqual(TARGET);
  }, 300_000);
});
