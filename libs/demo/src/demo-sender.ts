import { DomainError, type CommandEnvelope, type Decider, type Message } from '@spinout/domain';
import { type EventMetadata, type EventStore, runCommand, type RunCommandResult } from '@spinout/event-store';
import { eventIdsFor, SPINOUT_NAMESPACE, uuidFromName } from '@spinout/workflow';
import { DemoClock, type DemoTimeline } from './demo-timeline';

export interface DemoLogger {
  log(message: string): void;
}

/** One command of the programme: its unique key (the seed of its event ids), who, when, in which story. */
export interface DemoStep {
  readonly key: string;
  /** YYYY-MM-DD; the clock turns it into the command's instant. */
  readonly date: string;
  readonly actor: string;
  /** The storyline (a unit's reform, a provider's record): one correlation id per story. */
  readonly story: string;
  /** Why, where a person decided (stored in the metadata, as the API does). */
  readonly reason?: string;
}

export interface IssueContext {
  readonly at: string;
  readonly metadata: EventMetadata;
  readonly eventIds: (index: number) => string;
}

/** A command without its envelope; the sender adds actor and time. */
export type { CommandBody } from '@spinout/domain';

export interface DemoTally {
  steps: number;
  eventsAppended: number;
  /** Steps whose events were already in the log (a second run), or whose append was an idempotent no-op. */
  alreadyApplied: number;
  /** Steps the domain refused as a conflict, e.g. a process manager had already done it. */
  refused: number;
}

/**
 * Sends the programme's commands through the same paths as the API, and makes a re-run harmless:
 * a step's event ids derive from its key, so a step whose first event is already in its stream
 * is skipped without being decided again; a step the domain refuses as a conflict (already done
 * by someone else, such as a process manager drafting the contract for an award) is skipped with
 * a log line. Any other refusal is a mistake in the programme and fails the run.
 */
export class DemoSender {
  readonly tally: DemoTally = { steps: 0, eventsAppended: 0, alreadyApplied: 0, refused: 0 };
  private readonly clock = new DemoClock();
  private readonly storedIds = new Map<string, Set<string>>();
  private readonly keys = new Set<string>();

  constructor(
    readonly store: EventStore,
    private readonly logger?: DemoLogger,
  ) {}

  /**
   * Runs one command on one aggregate with `runCommand`: the body (`CommandBody` of the decider's
   * commands) with the step's actor and time is a command of the decider.
   */
  send<B extends Message, E extends Message, S>(
    step: DemoStep,
    decider: Decider<B & CommandEnvelope, E, S>,
    streamId: string,
    body: B,
  ): Promise<RunCommandResult<S> | undefined> {
    return this.issue(step, streamId, ({ at, metadata, eventIds }) =>
      runCommand({
        store: this.store,
        decider,
        streamId,
        command: { ...body, actor: step.actor, at },
        metadata,
        eventIds,
      }),
    );
  }

  /** Runs a step through a workflow function (award, signing, registration) that appends to `streamId`. */
  async issue<R extends RunCommandResult<unknown>>(
    step: DemoStep,
    streamId: string,
    run: (context: IssueContext) => Promise<R>,
  ): Promise<R | undefined> {
    if (this.keys.has(step.key))
      throw new Error(`Demo step ${step.key} is booked twice; every step needs a key of its own`);
    this.keys.add(step.key);
    this.tally.steps += 1;
    const at = this.clock.next(step.date);
    const eventIds = eventIdsFor(`demo:${step.key}`);
    const stored = await this.idsIn(streamId);
    if (stored.has(eventIds(0))) {
      this.tally.alreadyApplied += 1;
      return undefined;
    }
    const metadata: EventMetadata = {
      actor: step.actor,
      correlationId: uuidFromName(SPINOUT_NAMESPACE, `demo:story:${step.story}`),
      occurredAt: at,
      ...(step.reason !== undefined && { reason: step.reason }),
    };
    try {
      const result = await run({ at, metadata, eventIds });
      for (const event of result.events) stored.add(event.eventId);
      if (result.appended) this.tally.eventsAppended += result.events.length;
      else this.tally.alreadyApplied += 1;
      return result;
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      this.tally.refused += 1;
      this.logger?.log(`Demo step ${step.key} skipped: ${error.message}`);
      return undefined;
    }
  }

  /** Event ids already in a stream, read once per run and kept up to date with this run's appends. */
  private async idsIn(streamId: string): Promise<Set<string>> {
    let ids = this.storedIds.get(streamId);
    if (ids === undefined) {
      ids = new Set((await this.store.readStream(streamId)).map((event) => event.eventId));
      this.storedIds.set(streamId, ids);
    }
    return ids;
  }
}

/** What the journeys book their steps on and send them through. */
export interface DemoContext {
  readonly timeline: DemoTimeline;
  readonly sender: DemoSender;
  readonly store: EventStore;
}
