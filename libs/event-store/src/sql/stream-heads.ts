/** A stream's last event as last seen: its version and hash. A fact that never goes bad, only old. */
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

  remember(streamId: string, head: StreamHead): void {
    const known = this.heads.get(streamId);
    if (known && known.version > head.version) return; // an older read must not replace a newer head
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) {
      const oldest = this.heads.keys().next().value;
      if (oldest !== undefined) this.heads.delete(oldest);
    }
  }
}
