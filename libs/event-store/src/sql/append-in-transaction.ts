import { AsyncLocalStorage } from 'node:async_hooks';
import type { AppendResult } from '../event-store.port';
import type { SqlExecutor } from './database.port';

/**
 * Work that must commit together with an append, or not at all: say, the stored outcome of the
 * request that made the append. The SQL store runs it in the append's transaction, after the
 * events are written and before the commit; when it throws, the events are rolled back too.
 */
export interface AppendTransactionWork {
  /**
   * Runs inside the transaction. Uses only `tx`, and never waits on anything outside the
   * database: the transaction (and on SQLite the one connection) is held meanwhile.
   */
  run(tx: SqlExecutor, appended: { streamId: string; result: AppendResult }): Promise<void>;
  /**
   * Whether an append made now belongs to this work. The async context that carries it can
   * outlive the request that set it (a timer started from inside it, a processor woken by its
   * append), so the work says when it is done or its request is over.
   */
  readonly pending: boolean;
  /** Told after the transaction committed. */
  committed(): void;
}

const current = new AsyncLocalStorage<AppendTransactionWork>();

/** Runs `fn` so that appends made from it (by any code it calls) carry `work` in their transaction. */
export function withAppendTransactionWork<T>(work: AppendTransactionWork, fn: () => T): T {
  return current.run(work, fn);
}

/** The work an append made here must run in its transaction, if any. */
export function pendingAppendTransactionWork(): AppendTransactionWork | undefined {
  const work = current.getStore();
  return work?.pending ? work : undefined;
}
