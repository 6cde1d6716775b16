import { serviceUnitDecider, type ServiceUnitState } from '@spinout/domain';
import { contractDecider, type ContractState } from '@spinout/domain/contract';
import type { StoredEvent } from '@spinout/event-store';
import { foldAsOf, type AsOf, type Cutoff } from './as-of';

/** A service unit's state as of the cutoff, from its stream. */
export const unitAsOf = (events: readonly StoredEvent[], cutoff: Cutoff): AsOf<ServiceUnitState> =>
  foldAsOf(serviceUnitDecider, events, cutoff);

/** A contract's state as of the cutoff, from its stream. */
export const contractAsOf = (events: readonly StoredEvent[], cutoff: Cutoff): AsOf<ContractState> =>
  foldAsOf(contractDecider, events, cutoff);
