import type { EventStore } from '@spinout/event-store';
import type { UniqueClaims } from '@spinout/workflow';
import { bookProvider } from './demo-provider-journey';
import { PROVIDERS } from './demo-data';
import { type DemoLogger, DemoSender } from './demo-sender';
import { type DemoSummary, summariseDemo } from './demo-summary';
import { DemoTimeline } from './demo-timeline';
import { bookUnit } from './demo-unit-journey';
import { type DemoWave, UNITS } from './demo-units';

export interface SeedDemoOptions {
  readonly logger?: DemoLogger;
  /** When given, provider credit codes are claimed as the API claims them, so a later registration of the same code is refused. */
  readonly claims?: UniqueClaims;
}

/**
 * Seeds the demo programme: three agencies reforming 25 service units with eight providers,
 * from the opening inventory in January 2024 through a year of contracted service in 2025.
 * Every change is a domain command issued through the same functions as the API (runCommand,
 * recordAward, the signing and registration rules), by named demo principals, at fixed past
 * instants, with ids and event ids derived from names. Running it again appends nothing.
 */
export async function seedDemoProgramme(store: EventStore, options: SeedDemoOptions = {}): Promise<DemoSummary> {
  const sender = new DemoSender(store, options.logger);
  const ctx = { timeline: new DemoTimeline(), sender, store };
  for (const provider of PROVIDERS) bookProvider(ctx, provider, options.claims);
  const positions = new Map<DemoWave, number>();
  UNITS.forEach((unit, inventoryIndex) => {
    const position = unit.wave === undefined ? 0 : (positions.get(unit.wave) ?? 0);
    if (unit.wave !== undefined) positions.set(unit.wave, position + 1);
    bookUnit(ctx, unit, inventoryIndex, position);
  });
  await ctx.timeline.play();

  const summary = await summariseDemo(store, sender.tally);
  const { steps, eventsAppended, alreadyApplied, refused } = summary.run;
  options.logger?.log(
    `Demo programme: ${summary.units} units, ${summary.providers} providers, ${summary.contracts} contracts, ` +
      `${summary.measurements} SLA measurements, ${summary.settlementsPaid} settlements paid; ` +
      `${steps} steps: ${eventsAppended} events appended, ${alreadyApplied} already applied, ${refused} refused`,
  );
  return summary;
}
