import type { Checkpoint } from '../event-store.port';
import type { SqlDialect } from './database.port';
import type { LogPosition } from './event-store.statements';

/**
 * Checkpoints are zero-padded so that comparing the strings compares the positions:
 * PostgreSQL `${tx_id, 20 digits}:${global_position, 20 digits}`, SQLite `${global_position, 20 digits}`.
 */
const WIDTH = 20;

export function encodeCheckpoint(dialect: SqlDialect, txId: string | undefined, position: string | number): Checkpoint {
  const pos = String(position).padStart(WIDTH, '0');
  if (dialect === 'sqlite') return pos as Checkpoint;
  if (txId === undefined) throw new Error('A PostgreSQL checkpoint needs the transaction id');
  return `${txId.padStart(WIDTH, '0')}:${pos}` as Checkpoint;
}

/** The position a checkpoint stands for, or null for "from the start". Rejects another dialect's checkpoints. */
export function decodeCheckpoint(dialect: SqlDialect, checkpoint: Checkpoint | null): LogPosition | null {
  if (checkpoint === null) return null;
  const match = dialect === 'postgres' ? /^(\d{20}):(\d{20})$/.exec(checkpoint) : /^()(\d{20})$/.exec(checkpoint);
  if (!match) throw new Error(`Not a ${dialect} event store checkpoint: "${checkpoint}"`);
  return { txId: BigInt(match[1] || '0').toString(), position: BigInt(match[2]).toString() };
}

/** The checkpoint before every event, for appends that had nothing to point at. */
export function startCheckpoint(dialect: SqlDialect): Checkpoint {
  return encodeCheckpoint(dialect, '0', 0);
}
