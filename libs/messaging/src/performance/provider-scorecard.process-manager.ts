import { compareCheckpoints, runCommand, type EventStore, type Processor, type SqlExecutor, type StoredEvent } from '@spinout/event-store';
import { contractDecider, DomainError, fold, type ContractEvent, type ContractState, type SettlementApproved } from '@spinout/domain';
import { eventIdsFor, idInStream, streamIdOf } from '@spinout/workflow';
import { providerScorecardDecider } from './provider-scorecard.decider';
import { providerScorecardStreamId } from './provider-scorecard.events';
import { scoreProviderPeriod, type ScoredContract } from './provider-scorecard.scoring';

export const SCORECARD_PUBLISHER = 'pm-provider-scorecard';
/** The process manager's own index of which contracts each provider holds, kept with its checkpoint. */
export const PROVIDER_CONTRACTS_TABLE = 'pm_provider_scorecard_contracts';

export interface ScorecardPublisherLogger {
  log(message: string): void;
}

/**
 * Settlement approved → the provider's scorecard for that period is computed from all of the
 * provider's contracts (their latest measurements of the period, as the log stood at the
 * approval) and appended as `ProviderScorecardPublished` to `providerScorecard-<provider>-<period>`,
 * for the relay to publish on `spinout.provider-performance.v1`.
 *
 * Finding "all the provider's contracts" needs an index the log does not have. Rather than read a
 * projection (which may lag behind this processor), the process manager keeps its own small table
 * from `ContractDrafted` events, written before its checkpoint moves past them: when it handles an
 * approval, every contract drafted before it is indexed. The table is created on first use and
 * emptied by a rebuild.
 *
 * It appends through the event store, outside the database transaction of its checkpoint, so it
 * runs at least once (`delivery`): the runtime holds no transaction open while it reads streams
 * and appends. A repeat is harmless: the index insert ignores a row it has, event ids derive from
 * the approval's event id, and the scorecard stream ignores an approval it has already answered.
 */
export function providerScorecardPublisher(store: EventStore, logger?: ScorecardPublisherLogger): Processor {
  let tableReady = false;
  const ensureTable = async (tx: SqlExecutor) => {
    if (tableReady) return;
    await tx.query(`CREATE TABLE IF NOT EXISTS ${PROVIDER_CONTRACTS_TABLE} (provider_id TEXT NOT NULL, contract_id TEXT NOT NULL, PRIMARY KEY (provider_id, contract_id))`);
    tableReady = true;
  };
  return {
    name: SCORECARD_PUBLISHER,
    eventTypes: ['ContractDrafted', 'SettlementApproved'],
    batchSize: 100,
    delivery: 'at-least-once',
    async handle(events: readonly StoredEvent[], db: SqlExecutor): Promise<void> {
      try {
        await ensureTable(db);
        for (const event of events) {
          if (event.type === 'ContractDrafted') await indexContract(db, event);
          else await publishFor(store, db, event as unknown as StoredEvent & SettlementApproved, logger);
        }
      } catch (error) {
        tableReady = false; // a rolled-back reset may have taken the table with it
        throw error;
      }
    },
    async reset(tx: SqlExecutor): Promise<void> {
      await ensureTable(tx);
      await tx.query(`DELETE FROM ${PROVIDER_CONTRACTS_TABLE}`);
    },
  };
}

async function indexContract(db: SqlExecutor, event: StoredEvent): Promise<void> {
  const { providerId, contractId } = event.data as { providerId: string; contractId: string };
  await db.query(`INSERT INTO ${PROVIDER_CONTRACTS_TABLE} (provider_id, contract_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [providerId, contractId]);
}

async function publishFor(store: EventStore, db: SqlExecutor, trigger: StoredEvent & SettlementApproved, logger?: ScorecardPublisherLogger): Promise<void> {
  const contractId = idInStream('contract', trigger.streamId);
  if (!contractId) return;
  const approved = await contractAsOf(store, contractId, trigger);
  if (approved.status === 'none') return;
  const rows = await db.query<{ contract_id: string }>(`SELECT contract_id FROM ${PROVIDER_CONTRACTS_TABLE} WHERE provider_id = $1 ORDER BY contract_id`, [approved.providerId]);
  const ids = new Set([contractId, ...rows.map((row) => row.contract_id)]);
  const contracts: ScoredContract[] = [];
  for (const id of [...ids].sort()) {
    const state = id === contractId ? approved : await contractAsOf(store, id, trigger);
    if (state.status !== 'none' && state.providerId === approved.providerId) contracts.push(state);
  }
  const period = trigger.data.period;
  const figures = scoreProviderPeriod(contracts, period);
  if (figures === null) {
    logger?.log(`${SCORECARD_PUBLISHER}: no measurements for provider ${approved.providerId} in ${period}; nothing to publish`);
    return;
  }
  try {
    await runCommand({
      store,
      decider: providerScorecardDecider,
      streamId: providerScorecardStreamId(approved.providerId, period),
      command: {
        type: 'PublishProviderScorecard',
        data: { providerId: approved.providerId, period, figures, basedOn: { contractId, settlementEventId: trigger.eventId } },
        actor: `system:${SCORECARD_PUBLISHER}`,
        at: trigger.metadata.occurredAt,
      },
      metadata: { actor: `system:${SCORECARD_PUBLISHER}`, correlationId: trigger.metadata.correlationId, causationId: trigger.eventId, occurredAt: trigger.metadata.occurredAt },
      eventIds: eventIdsFor(`${SCORECARD_PUBLISHER}:${trigger.eventId}:0`),
    });
  } catch (error) {
    if (error instanceof DomainError) {
      // Retrying cannot change a refusal; the approval is not the place to fail the processor.
      logger?.log(`${SCORECARD_PUBLISHER}: scorecard for ${approved.providerId} ${period} refused: ${error.message}`);
      return;
    }
    throw error;
  }
}

/** The contract as its stream stood when `trigger` was written: replays score the same figures. */
async function contractAsOf(store: EventStore, contractId: string, trigger: StoredEvent): Promise<ContractState> {
  const events = (await store.readStream(streamIdOf('contract', contractId))).filter((event) => compareCheckpoints(event.checkpoint, trigger.checkpoint) <= 0);
  return fold(contractDecider, events as unknown as ContractEvent[]);
}
