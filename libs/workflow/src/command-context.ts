import type { EventMetadata } from '@spinout/event-store';

/**
 * What a command needs besides its data, wherever it comes from (an HTTP request, an inbound
 * message, the demo programme): who asks and when, the metadata its events are stored with, and
 * how it is appended. The decider sees only `actor` and `at` (on the command); the rest is for
 * the runner.
 */
export interface CommandContext {
  readonly actor: string;
  /** ISO 8601 instant the command was issued; the decider takes its times from it. */
  readonly at: string;
  readonly metadata: EventMetadata;
  /** The stream must be at exactly this version (If-Match); without it a lost race is decided again. */
  readonly expectedVersion?: number;
  /**
   * On a create, the id just drawn for the new aggregate: its stream is taken to be empty, so the
   * command is decided without reading it first (`runCommand`'s `newStream`).
   */
  readonly newId?: string;
  /** Event ids derived from the cause (an inbound message id), so a redelivery appends nothing; random when absent. */
  readonly eventIds?: (index: number) => string;
}
