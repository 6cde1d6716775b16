import type { ContractEvent } from '@spinout/domain/contract';
import type { Processor, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { foldKeyed } from '../sql/keyed-fold';
import { truncate, upsertRows } from '../sql/statements';
import { CONTRACTS_TABLE } from './contract.row';
import { CONTRACTS_EVENT_TYPES, contractsProjection } from './contracts.projection';
import { DEFAULT_PROJECTION_BATCH } from '../shared/batch';

/** Keeps `contracts`: one row per contract. */
export class ContractsProcessor implements Processor<ContractEvent> {
  readonly name = 'projection:contracts';
  readonly eventTypes = CONTRACTS_EVENT_TYPES;
  constructor(readonly batchSize = DEFAULT_PROJECTION_BATCH) {}

  async handle(events: readonly StoredEvent<ContractEvent>[], tx: SqlExecutor): Promise<void> {
    await upsertRows(tx, CONTRACTS_TABLE, await foldKeyed(tx, contractsProjection, events));
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, CONTRACTS_TABLE);
  }
}
