/**
 * A decider is the whole behaviour of one aggregate as three pure parts:
 * the state before any event, how an event changes the state, and which events
 * a command produces from a state (or which domain error it raises).
 * Time, ids and the acting principal arrive inside the command; nothing here
 * reads a clock or draws a random number, so replaying a stream is deterministic.
 */
export interface Decider<Command, Event, State, ErrorCode extends string = string> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
  /** Every code `decide` may refuse a command with: the aggregate's catalogue (`*.errors.ts`). */
  readonly errorCodes?: readonly ErrorCode[];
}

/** Commands and events are plain, type-tagged objects; the tag is stored and stable forever. */
export interface Message<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** Folds events onto a decider's initial state. */
export function fold<C, E, S>(decider: Decider<C, E, S>, events: readonly E[]): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

/** For exhaustive switches: the compiler proves every case is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

/**
 * A command as the domain sees it: what is asked, by whom (the authenticated principal)
 * and when it was issued. `actor` lets deciders enforce segregation of duties.
 */
export interface Command<Type extends string = string, Data = unknown> extends Message<Type, Data> {
  readonly actor: string;
  /** ISO 8601 instant the command was issued; events take their `…At` times from it. */
  readonly at: string;
}
