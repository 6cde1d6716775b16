import { endOfDayIn, invalid, isCalendarDate, type Decider, type Message } from '@spinout/domain';
import { foldStream, type StoredEvent } from '@spinout/event-store';
import { occurredAt } from '../shared/events';

/**
 * As-of reads answer "what did this look like on that date?" from the log, the source of
 * truth, never from a read model (read models hold only the present):
 *
 * 1. The cutoff is an instant. A date written YYYY-MM-DD means the end of that day in the
 *    business time zone (23:59:59.999 there: 15:59:59.999Z in Beijing); an ISO 8601 instant
 *    with an offset means exactly that instant.
 * 2. An event belongs to the past of the cutoff when its `metadata.occurredAt` (the time of
 *    the command that caused it; the recording time if absent) is at or before the cutoff,
 *    compared as instants whatever the offsets.
 * 3. A stream is a sequence, so we fold its longest prefix of such events and stop at the
 *    first event that occurred after the cutoff: the state is always one the aggregate really
 *    passed through, even if a later event carries an earlier time.
 * 4. The fold is the aggregate's own decider `evolve`, so the state has the same shape and
 *    meaning as the current state the API serves.
 */

export interface Cutoff {
  /** The cutoff as an ISO 8601 instant (UTC). */
  readonly instant: string;
  readonly epochMs: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function cutoffOf(date: string, timeZone: string): Cutoff {
  const text = typeof date === 'string' ? date.trim() : '';
  const epochMs = isCalendarDate(text)
    ? endOfDayIn(text, timeZone)
    : INSTANT.test(text)
      ? Date.parse(text)
      : Number.NaN;
  if (Number.isNaN(epochMs)) {
    throw invalid(
      'invalid_as_of_date',
      'date must be a calendar date YYYY-MM-DD or an ISO 8601 instant with an offset',
      { field: 'date' },
    );
  }
  return { instant: new Date(epochMs).toISOString(), epochMs };
}

/** The stream's events up to the cutoff: the prefix before the first event that occurred after it. */
export function prefixAsOf<E extends Message>(events: readonly StoredEvent<E>[], cutoff: Cutoff): StoredEvent<E>[] {
  const end = events.findIndex((event) => !(Date.parse(occurredAt(event)) <= cutoff.epochMs));
  return end === -1 ? [...events] : events.slice(0, end);
}

export interface AsOf<State> {
  readonly asOf: string;
  /** The stream version the state is at (0: the stream had no event yet). */
  readonly version: number;
  /** When the last folded event occurred. */
  readonly lastEventAt: string | null;
  readonly state: State;
}

/** A decider's state after the stream's prefix up to the cutoff. */
export function foldAsOf<C, E extends Message, S>(
  decider: Decider<C, E, S>,
  events: readonly StoredEvent[],
  cutoff: Cutoff,
): AsOf<S> {
  const prefix = prefixAsOf(events, cutoff);
  const state = foldStream(decider, prefix);
  const last = prefix[prefix.length - 1];
  return {
    asOf: cutoff.instant,
    version: last?.streamVersion ?? 0,
    lastEventAt: last ? occurredAt(last) : null,
    state,
  };
}
