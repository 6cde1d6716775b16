import {
  DEFAULT_BUSINESS_TIME_ZONE,
  providerStreamId,
  serviceUnitStreamId,
  type ServiceUnitState,
} from '@spinout/domain';
import {
  contractStreamId,
  DEFAULT_RATING_SCHEME,
  type ContractState,
  type RatingSchemeId,
} from '@spinout/domain/contract';
import type { EventStore } from '@spinout/event-store';
import type { ContractsQuery } from '../contracts/contracts.query';
import { cutoffOf, prefixAsOf, type AsOf } from './as-of';
import { providerScorecardAsOf, type ProviderScorecardAsOf } from './provider-scorecard-as-of';
import { contractAsOf, unitAsOf } from './unit-as-of';

/**
 * Reads the streams an as-of answer needs and hands them to the pure folds beside this file.
 * Each method returns undefined when the aggregate did not exist yet at the cutoff.
 * A provider's contracts are found through the `contracts` view: which provider a contract is
 * with never changes, and a contract the view has not caught up with has no measurement yet.
 */
export class AsOfReader {
  constructor(
    private readonly store: EventStore,
    private readonly contracts: Pick<ContractsQuery, 'contractIdsOf'>,
    private readonly ratingScheme: RatingSchemeId = DEFAULT_RATING_SCHEME,
    /** The zone whose end of day a YYYY-MM-DD date means (BUSINESS_TIMEZONE). */
    private readonly timeZone: string = DEFAULT_BUSINESS_TIME_ZONE,
  ) {}

  async unit(unitId: string, date: string): Promise<AsOf<ServiceUnitState> | undefined> {
    const cutoff = cutoffOf(date, this.timeZone);
    const result = unitAsOf(await this.store.readStream(serviceUnitStreamId(unitId)), cutoff);
    return result.version === 0 ? undefined : result;
  }

  async contract(contractId: string, date: string): Promise<AsOf<ContractState> | undefined> {
    const cutoff = cutoffOf(date, this.timeZone);
    const result = contractAsOf(await this.store.readStream(contractStreamId(contractId)), cutoff);
    return result.version === 0 ? undefined : result;
  }

  async providerScorecard(providerId: string, date: string): Promise<ProviderScorecardAsOf | undefined> {
    const cutoff = cutoffOf(date, this.timeZone);
    if (prefixAsOf(await this.store.readStream(providerStreamId(providerId)), cutoff).length === 0) return undefined;
    const ids = await this.contracts.contractIdsOf(providerId);
    const streams = await Promise.all(ids.map((id) => this.store.readStream(contractStreamId(id))));
    return providerScorecardAsOf(providerId, streams, cutoff, this.ratingScheme);
  }
}
