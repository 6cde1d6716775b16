import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { fold } from '@spinout/domain';
import type { EventStore, StoredEvent } from '@spinout/event-store';
import { EVENT_STORE } from '../database/database.tokens';
import { aggregate, AggregateName, streamIdOf } from './aggregates';

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

/** Loads one aggregate's current state and history straight from its stream. */
@Injectable()
export class AggregateReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<State>(name: AggregateName, id: string): Promise<AggregateSnapshot<State>> {
    const events = await this.store.readStream(streamIdOf(name, id));
    if (events.length === 0) throw new NotFoundException({ message: `No ${name} with id ${id}`, code: `${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_not_found` });
    const state = fold(aggregate(name).decider, events.map((event) => ({ type: event.type, data: event.data })));
    return { id, version: events[events.length - 1].streamVersion, state: state as State, events };
  }

  static history(events: StoredEvent[]): HistoryEntry[] {
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
