import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { foldStream, type EventStore, type StoredEvent, type VerificationFinding } from '@spinout/event-store';
import { EVENT_STORE } from '../database/database.tokens';
import { deciderOf, streamIdOf, type AggregateName, type AggregateStates } from './aggregates';

export interface AggregateSnapshot<State = unknown> {
  id: string;
  version: number;
  state: State;
  events: StoredEvent[];
}

export interface HistoryEntry {
  version: number;
  eventId: string;
  type: string;
  data: unknown;
  actor: string;
  reason?: string;
  occurredAt: string;
  recordedAt: string;
  correlationId: string;
  causationId?: string;
}

/**
 * An aggregate's history, and whether its stream verified (hash chain and recorded head, ADR
 * 014) when it was read; the findings when it did not. A stream whose events were all deleted
 * has an empty history that did not verify.
 */
export interface History {
  id: string;
  version: number;
  verified: boolean;
  findings?: VerificationFinding[];
  events: HistoryEntry[];
}

/** Loads one aggregate's current state and history straight from its stream. */
@Injectable()
export class AggregateReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<A extends AggregateName>(name: A, id: string): Promise<AggregateSnapshot<AggregateStates[A]>> {
    const events = await this.store.readStream(streamIdOf(name, id));
    if (events.length === 0) throw notFound(name, id);
    return { id, version: events[events.length - 1].streamVersion, state: foldStream(deciderOf(name), events), events };
  }

  async history(name: AggregateName, id: string): Promise<History> {
    const streamId = streamIdOf(name, id);
    const events = await this.store.readStream(streamId);
    const report = await this.store.verify(streamId);
    if (events.length === 0 && report.ok) throw notFound(name, id);
    const verification = report.ok ? { verified: true } : { verified: false, findings: report.findings };
    return { id, version: events.at(-1)?.streamVersion ?? 0, ...verification, events: AggregateReader.entries(events) };
  }

  static entries(events: StoredEvent[]): HistoryEntry[] {
    return events.map((event) => ({
      version: event.streamVersion,
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      actor: event.metadata.actor,
      reason: event.metadata.reason,
      occurredAt: event.metadata.occurredAt,
      recordedAt: event.recordedAt,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
    }));
  }
}

function notFound(name: AggregateName, id: string): NotFoundException {
  return new NotFoundException({
    message: `No ${name} with id ${id}`,
    code: `${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_not_found`,
  });
}
