import {
  compareCheckpoints,
  foldStream,
  runCommand,
  type EventStore,
  type Processor,
  type SqlExecutor,
  type StoredEvent,
} from '@spinout/event-store';
import {
  contractDecider,
  DEFAULT_RATING_SCHEME,
  DomainError,
  idInStream,
  providerScorecardDecider,
  providerScorecardStreamId,
  streamIdOf,
  type ContractDrafted,
  type ContractState,
  type RatingSchemeId,
  type SettlementApproved,
} from '@spinout/domain';
import { eventIdsFor } from '@spinout/workflow';
import { reactToSettlementApproval, SCORECARD_PUBLISHER } from './provider-scorecard.reaction';

export { SCORECARD_PUBLISHER } from './provider-scorecard.reaction';
/** The process manager's own index of which contracts each provider holds, kept with its checkpoint (created by a migration). */
export const PROVIDER_CONTRACTS_TABLE = 'pm_provider_scorecard_contracts';

export interface ScorecardPublisherLogger {
  log(message: string): void;
}

export interface ScorecardPublisherOptions {
  logger?: ScorecardPublisherLogger;
  /** How the published scorecards grade their scores (`RATING_SCHEME`); default `cn_performance`. */
  ratingScheme?: RatingSchemeId;
}

/**
 * Settlement approved → the provider's scorecard for that period is computed from all of the
 * provider's contracts (their latest measurements of the period, as the log stood at the
 * approval) and appended as `ProviderScorecardPublished` to `providerScorecard-<provider>-<period>`,
 * for the relay to publish on `spinout.provider-performance.v1`. This is the adapter: it loads
 * the contracts and runs the commands; what to publish is `reactToSettlementApproval`, pure.
 *
 * Finding "all the provider's contracts" needs an index the log does not have. Rather than read a
 * projection (which may lag behind this processor), the process manager keeps its own small table
 * from `ContractDrafted` events, written before its checkpoint moves past them: when it handles an
 * approval, every contract drafted before it is indexed. A migration creates the table; a rebuild
 * empties it.
 *
 * It appends through the event store, outside the database transaction of its checkpoint, so it
 * runs at least once (`delivery`): the runtime holds no transaction open while it reads streams
 * and appends. A repeat is harmless: the index insert ignores a row it has, event ids derive from
 * the approval's event id, and the scorecard stream ignores an approval it has already answered.
 */
export function providerScorecardPublisher(
  store: EventStore,
  { logger, ratingScheme = DEFAULT_RATING_SCHEME }: ScorecardPublisherOptions = {},
): Processor<ContractDrafted | SettlementApproved> {
  return {
    name: SCORECARD_PUBLISHER,
    eventTypes: ['ContractDrafted', 'SettlementApproved'],
    batchSize: 100,
    delivery: 'at-least-once',
    async handle(events: readonly StoredEvent<ContractDrafted | SettlementApproved>[], db: SqlExecutor): Promise<void> {
      for (const event of events) {
        if (event.type === 'ContractDrafted') await indexContract(db, event);
        else await publishFor(store, db, event, ratingScheme, logger);
      }
    },
    async reset(tx: SqlExecutor): Promise<void> {
      await tx.query(`DELETE FROM ${PROVIDER_CONTRACTS_TABLE}`);
    },
  };
}

async function indexContract(db: SqlExecutor, event: StoredEvent<ContractDrafted>): Promise<void> {
  const { providerId, contractId } = event.data;
  await db.query(
    `INSERT INTO ${PROVIDER_CONTRACTS_TABLE} (provider_id, contract_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [providerId, contractId],
  );
}

async function publishFor(
  store: EventStore,
  db: SqlExecutor,
  trigger: StoredEvent<SettlementApproved>,
  ratingScheme: RatingSchemeId,
  logger?: ScorecardPublisherLogger,
): Promise<void> {
  const contractId = idInStream('contract', trigger.streamId);
  if (!contractId) return;
  const approved = await contractAsOf(store, contractId, trigger);
  if (approved.status === 'none') return;
  const rows = await db.query<{ contract_id: string }>(
    `SELECT contract_id FROM ${PROVIDER_CONTRACTS_TABLE} WHERE provider_id = $1 ORDER BY contract_id`,
    [approved.providerId],
  );
  const others: ContractState[] = [];
  for (const row of rows)
    if (row.contract_id !== contractId) others.push(await contractAsOf(store, row.contract_id, trigger));
  const { period } = trigger.data;
  const commands = reactToSettlementApproval(
    { settlementEventId: trigger.eventId, contractId, period, approvedAt: trigger.metadata.occurredAt },
    { approved, others },
    ratingScheme,
  );
  if (commands.length === 0) {
    logger?.log(
      `${SCORECARD_PUBLISHER}: no measurements for provider ${approved.providerId} in ${period}; nothing to publish`,
    );
    return;
  }
  for (const [index, command] of commands.entries()) {
    try {
      await runCommand({
        store,
        decider: providerScorecardDecider,
        streamId: providerScorecardStreamId(command.data.providerId, command.data.period),
        command,
        metadata: {
          actor: command.actor,
          correlationId: trigger.metadata.correlationId,
          causationId: trigger.eventId,
          occurredAt: command.at,
        },
        eventIds: eventIdsFor(`${SCORECARD_PUBLISHER}:${trigger.eventId}:${index}`),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Retrying cannot change a refusal; the approval is not the place to fail the processor.
      logger?.log(
        `${SCORECARD_PUBLISHER}: scorecard for ${command.data.providerId} ${command.data.period} refused: ${error.message}`,
      );
    }
  }
}

/** The contract as its stream stood when `trigger` was written: replays score the same figures. */
async function contractAsOf(store: EventStore, contractId: string, trigger: StoredEvent): Promise<ContractState> {
  const events = (await store.readStream(streamIdOf('contract', contractId))).filter(
    (event) => compareCheckpoints(event.checkpoint, trigger.checkpoint) <= 0,
  );
  return foldStream(contractDecider, events);
}
