/** A stream's last event as last seen: its version and hash. */
export interface StreamHead {
  version: number;
  hash: string;
}

/**
 * The heads of recently read or written streams, so an append can hash its events before it
 * talks to the database. A stale entry costs one more round trip (the database answers with
 * the real head), never a wrong hash. Least recently used entries go first.
 */
export class StreamHeads {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): StreamHead | undefined {
    const head = this.heads.get(streamId);
    if (head) {
      this.heads.delete(streamId);
      this.heads.set(streamId, head);
    }
    return head;
  }

  /**
   * The last head seen wins, even an older one (a slow read finishing after an append): a wrong
   * guess only costs a round trip, and a head that was never committed (a rolled-back
   * transaction) must be replaced by the database's answer.
   */
  remember(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) {
      const oldest = this.heads.keys().next().value;
      if (oldest !== undefined) this.heads.delete(oldest);
    }
  }
}
