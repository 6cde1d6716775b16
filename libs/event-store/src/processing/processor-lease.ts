/**
 * The right to run one processor. Exactly one instance across all processes holds it; the
 * others stand by and try again. On PostgreSQL it is a session-level advisory lock held on a
 * connection of its own (`PgAdvisoryLease`); on SQLite one process owns the database file, so
 * the lease only keeps two runners of the same processor in that process apart (`InProcessLease`).
 */
export interface ProcessorLease {
  readonly held: boolean;
  /** Takes the lease if nobody holds it; true when this instance holds it afterwards. */
  tryAcquire(): Promise<boolean>;
  /** Gives the lease up and closes whatever it holds open. Safe to call when not held. */
  release(): Promise<void>;
  /** Called once each time a held lease is lost without `release()` (connection died). */
  onLost(listener: (reason: Error) => void): void;
}

/** Makes the lease of one processor. */
export type LeaseFactory = (processorName: string) => ProcessorLease;

/** The lease was lost while work was under way; that work must not commit. */
export class LeaseLostError extends Error {
  constructor(
    readonly processor: string,
    reason?: string,
  ) {
    super(`Lease of processor ${processor} lost${reason ? `: ${reason}` : ''}`);
    this.name = 'LeaseLostError';
  }
}

/** Per registry object (one per database), the processor names whose lease is held in this process. */
const localHolders = new WeakMap<object, Set<string>>();

/**
 * SQLite: one process owns the database file (better-sqlite3 is embedded, and the app runs
 * processors in the process that serves the API), so the lease is always available to the first
 * runner of a processor in this process. Two processes on one SQLite file are not supported; if
 * it happens anyway, the checkpoint check in every transaction still keeps them from committing
 * the same batch twice.
 */
export class InProcessLease implements ProcessorLease {
  private isHeld = false;

  constructor(
    private readonly registry: object,
    private readonly name: string,
  ) {}

  get held(): boolean {
    return this.isHeld;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.isHeld) return true;
    let holders = localHolders.get(this.registry);
    if (!holders) localHolders.set(this.registry, (holders = new Set()));
    if (holders.has(this.name)) return false;
    holders.add(this.name);
    this.isHeld = true;
    return true;
  }

  async release(): Promise<void> {
    if (!this.isHeld) return;
    localHolders.get(this.registry)?.delete(this.name);
    this.isHeld = false;
  }

  onLost(): void {
    // An in-process lease is only given up by release().
  }
}
