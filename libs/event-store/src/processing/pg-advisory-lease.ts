import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { describeError, SILENT_LOGGER, type ProcessorLogger } from './processor-logger';
import type { ProcessorLease } from './processor-lease';

export interface PgAdvisoryLeaseOptions {
  /** The PostgreSQL URL of the database the processor writes to (advisory locks are per database). */
  url: string;
  processorName: string;
  /** How often the held lease's connection is checked (default 1000 ms). */
  heartbeatMs?: number;
  /** A heartbeat that takes longer than this counts as a dead connection (default 5000 ms). */
  heartbeatTimeoutMs?: number;
  logger?: ProcessorLogger;
}

/**
 * The 64-bit advisory lock key of a processor: the first 8 bytes of SHA-256 over a namespaced
 * name, as a signed bigint in decimal. Deterministic across processes and PostgreSQL versions
 * (unlike `hashtext`, which is internal and only 32 bits).
 */
export function advisoryLockKey(processorName: string): string {
  return createHash('sha256').update(`spinout.processor:${processorName}`).digest().readBigInt64BE(0).toString();
}

/**
 * A session-level `pg_try_advisory_lock` held on a dedicated `pg` connection, never on a pooled
 * one: a pooled connection goes back to the pool (and its session lock with it) after each
 * transaction. The lock lives exactly as long as this connection: if the process dies or the
 * connection breaks, PostgreSQL ends the session and releases the lock, and a standby takes over.
 *
 * The connection stays open while standing by (each try is one query). While held, a heartbeat
 * query notices a connection that died silently; a connection error or end reports the lease lost.
 */
export class PgAdvisoryLease implements ProcessorLease {
  readonly key: string;
  private client: Client | null = null;
  private isHeld = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly listeners: Array<(reason: Error) => void> = [];
  private readonly logger: ProcessorLogger;

  constructor(private readonly options: PgAdvisoryLeaseOptions) {
    this.key = advisoryLockKey(options.processorName);
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  get held(): boolean {
    return this.isHeld;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.isHeld) return true;
    const client = await this.connection();
    const [row] = (
      await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [this.key])
    ).rows;
    if (!row?.locked || client !== this.client) return false;
    this.isHeld = true;
    this.startHeartbeat(client);
    return true;
  }

  async release(): Promise<void> {
    const client = this.client;
    const wasHeld = this.isHeld;
    this.isHeld = false;
    this.stopHeartbeat();
    this.client = null;
    if (!client) return;
    try {
      if (wasHeld) await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.key]);
    } catch {
      // Closing the session below releases the lock anyway.
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  onLost(listener: (reason: Error) => void): void {
    this.listeners.push(listener);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.options.url,
      keepAlive: true,
      application_name: `spinout-lease:${this.options.processorName}`.slice(0, 63),
    });
    // Without an 'error' listener a dropped idle connection would crash the process.
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('lease connection ended')));
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      this.client = null;
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /** The connection is gone: the session and its lock with it. */
  private dropped(client: Client, reason: Error): void {
    if (client !== this.client) return; // an old connection ending after release()
    this.client = null;
    this.stopHeartbeat();
    void client.end().catch(() => undefined);
    if (!this.isHeld) return;
    this.isHeld = false;
    this.logger.warn(`Lease of ${this.options.processorName} lost: ${describeError(reason)}`);
    for (const listener of this.listeners) listener(reason);
  }

  private startHeartbeat(client: Client): void {
    const every = this.options.heartbeatMs ?? 1000;
    const timeout = this.options.heartbeatTimeoutMs ?? 5000;
    let inFlight = false;
    this.heartbeat = setInterval(() => {
      if (inFlight) return;
      inFlight = true;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`lease heartbeat got no answer within ${timeout} ms`)), timeout);
      });
      Promise.race([client.query('SELECT 1'), timedOut])
        .catch((error: unknown) => this.dropped(client, error instanceof Error ? error : new Error(String(error))))
        .finally(() => {
          clearTimeout(timer);
          inFlight = false;
        });
    }, every);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
