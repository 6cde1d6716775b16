import {
  idInStream,
  streamIdOf,
  type ContractDrafted,
  type Message,
  type ServiceUnitRegistered,
} from '@spinout/domain';
import { isEventOf, type EventStore, type StoredEvent } from '@spinout/event-store';
import {
  contractLifecycleV1,
  procurementRequestedV1,
  providerScorecardPublishedV1,
  RELAYED_EVENT_TYPES,
  type IntegrationMessage,
  type RelayedEvent,
} from '../integration/outbound.v1';
import type { ContractRefV1 } from '../integration/payloads.v1';
import type { TopicNames } from '../topics';

/** Facts that never change once written (a unit's agency, a contract's parties) are cached up to this many entries. */
const CACHE_LIMIT = 10_000;

/**
 * Turns stored events into integration messages, reading what an event does not carry from the
 * first event of its aggregate's stream. Those facts are immutable, so they are cached.
 */
export class OutboundMapper {
  private readonly agencies = new Map<string, string>();
  private readonly contractRefs = new Map<string, ContractRefV1>();

  constructor(
    private readonly store: EventStore,
    private readonly topics: TopicNames,
  ) {}

  /** Null for an event type that is not published. */
  async map(event: StoredEvent): Promise<IntegrationMessage | null> {
    if (!isEventOf<RelayedEvent>(event, RELAYED_EVENT_TYPES)) return null;
    switch (event.type) {
      case 'ProcurementRequested':
        return procurementRequestedV1(event, await this.agencyOf(event.data.unitId), this.topics);
      case 'ContractSigned':
      case 'ContractActivated':
      case 'ContractAmended':
      case 'ContractTerminated':
      case 'ContractExpired': {
        const contractId = idInStream('contract', event.streamId) ?? event.data.contractId;
        return contractLifecycleV1(event, await this.contractRef(contractId), this.topics);
      }
      case 'ProviderScorecardPublished':
        return providerScorecardPublishedV1(event, this.topics);
    }
  }

  private async agencyOf(unitId: string): Promise<string> {
    const cached = this.agencies.get(unitId);
    if (cached !== undefined) return cached;
    const { agency } = (
      await this.firstEvent<ServiceUnitRegistered>(streamIdOf('serviceUnit', unitId), 'ServiceUnitRegistered')
    ).data;
    remember(this.agencies, unitId, agency);
    return agency;
  }

  private async contractRef(contractId: string): Promise<ContractRefV1> {
    const cached = this.contractRefs.get(contractId);
    if (cached !== undefined) return cached;
    const d = (await this.firstEvent<ContractDrafted>(streamIdOf('contract', contractId), 'ContractDrafted')).data;
    const ref: ContractRefV1 = {
      contractId: d.contractId,
      unitId: d.unitId,
      providerId: d.providerId,
      agency: d.agency,
      ocid: d.procurementId,
      awardId: d.awardId,
    };
    remember(this.contractRefs, contractId, ref);
    return ref;
  }

  private async firstEvent<E extends Message>(streamId: string, type: E['type']): Promise<StoredEvent<E>> {
    const [first] = await this.store.readStream(streamId);
    // A stream always starts with its creation event; anything else is a broken log, not a transient fault.
    if (!first || !isEventOf<E>(first, [type])) throw new Error(`Stream ${streamId} does not start with ${type}`);
    return first;
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}
