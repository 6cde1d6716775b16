/** The stream was not at the version the writer expected. HTTP 409, or 412 under If-Match. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${expected}`);
    this.name = 'ConcurrencyError';
  }
}

/** An event id was appended again with different content: a caller bug, never silently accepted. */
export class EventIdConflictError extends Error {
  constructor(readonly eventId: string) {
    super(`Event ${eventId} is already stored with different content`);
    this.name = 'EventIdConflictError';
  }
}

/** A stored event is not of a type its reader declared: a stream holding a foreign event, a broken log. */
export class UnexpectedEventError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly type: string,
  ) {
    super(`Event ${eventId} of stream ${streamId} has type ${type}, which its reader does not know`);
    this.name = 'UnexpectedEventError';
  }
}
