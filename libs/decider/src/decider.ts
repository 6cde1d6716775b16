/**
 * The decider contract: what an aggregate of the domain is, and what the event store needs to
 * run one. It lives apart from both so that the store, which knows no aggregate, and the domain,
 * which knows no store, share it without depending on each other.
 */

/** Commands and events are plain, type-tagged objects; the tag is stored and stable forever. */
export interface Message<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** What a command carries besides its type and data: who asks (the authenticated principal) and when. */
export interface CommandEnvelope {
  readonly actor: string;
  /** ISO 8601 instant the command was issued; events take their `…At` times from it. */
  readonly at: string;
}

/**
 * A command as the domain sees it: what is asked, by whom and when it was issued. `actor` lets
 * deciders enforce segregation of duties.
 */
export interface Command<Type extends string = string, Data = unknown> extends Message<Type, Data>, CommandEnvelope {}

/**
 * A command of a union without its envelope, `{ type, data }`: what a caller names before the
 * actor and the time are added. Spread with an envelope, a body gives back its command.
 */
export type CommandBody<C extends Command> = C extends Command ? Message<C['type'], C['data']> : never;

/** The data of the member of a message union whose type is `T`: `DataOf<ContractCommand, 'SignContract'>`. */
export type DataOf<M extends Message, T extends M['type']> = Extract<M, { readonly type: T }>['data'];

/**
 * A decider is the whole behaviour of one aggregate as three pure parts:
 * the state before any event, how an event changes the state, and which events
 * a command produces from a state (or which domain error it raises).
 * Time, ids and the acting principal arrive inside the command; nothing here
 * reads a clock or draws a random number, so replaying a stream is deterministic.
 */
export interface Decider<Command, Event extends Message, State, ErrorCode extends string = string> {
  readonly initialState: State;
  /**
   * Every event type of the aggregate's stream. An event read back from the store reaches
   * `evolve` only once its stored type is found here.
   */
  readonly eventTypes: readonly Event['type'][];
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
  /** Every code `decide` may refuse a command with: the aggregate's catalogue (`*.errors.ts`). */
  readonly errorCodes?: readonly ErrorCode[];
}

/** Folds events onto a decider's initial state. */
export function fold<C, E extends Message, S>(decider: Decider<C, E, S>, events: readonly E[]): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

/** For exhaustive switches: the compiler proves every case is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
