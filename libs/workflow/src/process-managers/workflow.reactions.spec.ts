import {
  fold,
  serviceUnitDecider,
  streamIdOf,
  type AwardRecorded,
  type Command,
  type ContractActivated,
  type ContractCommand,
  type ContractState,
  type ContractTerminated,
  type Message,
  type ServiceUnitCommand,
  type ServiceUnitEvent,
  type ServiceUnitState,
} from '@spinout/domain';
import * as c from '@spinout/domain/contract/contract.fixtures';
import * as u from '@spinout/domain/service-unit/service-unit.fixtures';
import type { Reaction, Trigger } from './process-manager';
import { SLA_TEMPLATES } from '../sla-templates';
import {
  completeFinishedTransition,
  contractIdForAward,
  draftContractForAward,
  reopenUnitOnTermination,
  startTransitionOnActivation,
  type TransitionProgress,
} from './workflow.reactions';

const AT = '2025-04-14T09:00:00+08:00';
const unitStream = streamIdOf('serviceUnit', u.UNIT_ID);
const contractStream = streamIdOf('contract', c.CONTRACT_ID);

/** Given the state a reaction reads, when the trigger arrives, then these commands (or none). */
function given<T extends Message, S, C extends Command>(
  react: (trigger: Trigger<T>, state: S) => readonly Reaction<C>[],
  state: S,
) {
  return {
    when: (trigger: Trigger<T>) => ({
      then: (expected: readonly Reaction<C>[]) => expect(react(trigger, state)).toEqual(expected),
    }),
  };
}

const unitAfter = (events: readonly ServiceUnitEvent[]): ServiceUnitState => fold(serviceUnitDecider, events);
const contract = (events = c.history.active()): ContractState => c.stateOf(events);

describe('award recorded → contract drafted', () => {
  const award = (contractPeriod: { start: string; end: string } | null = null): Trigger<AwardRecorded> => ({
    type: 'AwardRecorded',
    data: {
      unitId: u.UNIT_ID,
      procurementId: u.OCID,
      awardId: 'award-1',
      providerId: 'provider-1',
      contractValue: u.yuan(5_700_000),
      contractPeriod,
      recordedAt: AT,
      recordedBy: u.PROCUREMENT_SYSTEM,
    },
    streamId: unitStream,
    occurredAt: AT,
  });
  const contractId = contractIdForAward(u.UNIT_ID, 'award-1');
  const draft = (period: { start: string; end: string }, monthlyMinor: number): Reaction<ContractCommand>[] => [
    {
      streamId: streamIdOf('contract', contractId),
      command: {
        type: 'DraftContract',
        data: {
          contractId,
          unitId: u.UNIT_ID,
          providerId: 'provider-1',
          agency: 'Provincial Department of Finance',
          procurementId: u.OCID,
          awardId: 'award-1',
          totalValue: u.yuan(5_700_000),
          period,
          monthlyCharge: { amountMinor: monthlyMinor, currency: 'CNY' },
          slas: SLA_TEMPLATES.canteen,
        },
        actor: 'system:pm-award-to-contract',
        at: AT,
      },
    },
  ];

  it("drafts the contract for three years from the month after the award, with the category's SLA template", () => {
    // 570,000,000 fen over 36 months.
    given(draftContractForAward, unitAfter(u.history.awarded()))
      .when(award())
      .then(draft({ start: '2025-05-01', end: '2028-04-30' }, 15_833_333));
  });

  it('drafts it for the period the award states, the value spread over its months', () => {
    given(draftContractForAward, unitAfter(u.history.awarded()))
      .when(award({ start: '2025-06-01', end: '2026-05-31' }))
      .then(draft({ start: '2025-06-01', end: '2026-05-31' }, 47_500_000));
  });

  it('drafts nothing for a unit its stream does not know', () => {
    given(draftContractForAward, { status: 'not_registered' }).when(award()).then([]);
  });
});

describe('contract activated → transition started', () => {
  const activated: Trigger<ContractActivated> = {
    type: 'ContractActivated',
    data: {
      contractId: c.CONTRACT_ID,
      unitId: c.UNIT_ID,
      providerId: c.PROVIDER_ID,
      period: { start: '2025-01-01', end: '2025-12-31' },
      activatedBy: c.OFFICER,
      activatedAt: AT,
    },
    streamId: contractStream,
    occurredAt: AT,
  };

  it("starts the transition of the contract's unit", () => {
    given(startTransitionOnActivation, contract())
      .when(activated)
      .then([
        {
          streamId: streamIdOf('serviceUnit', c.UNIT_ID),
          command: {
            type: 'StartTransition',
            data: { contractId: c.CONTRACT_ID },
            actor: 'system:pm-activation-to-transition',
            at: AT,
          },
        },
      ]);
  });

  it('starts nothing for a contract its stream does not know', () => {
    given(startTransitionOnActivation, { status: 'none' }).when(activated).then([]);
  });
});

describe('staff or assets settled → transition completed', () => {
  const handedOver: Trigger<TransitionProgress> = {
    type: 'AssetHandedOver',
    data: {
      unitId: u.UNIT_ID,
      assetId: 'A-2',
      disposition: 'transferred',
      method: null,
      valueRealised: u.yuan(0),
      handedOverAt: AT,
      recordedBy: u.OFFICER,
    },
    streamId: unitStream,
    occurredAt: AT,
  };
  const complete: Reaction<ServiceUnitCommand>[] = [
    {
      streamId: unitStream,
      command: { type: 'CompleteTransition', data: {}, actor: 'system:pm-transition-completion', at: AT },
    },
  ];

  it('completes the transition once every post is accounted for and every asset handed over', () => {
    given(completeFinishedTransition, unitAfter(u.history.readyToComplete())).when(handedOver).then(complete);
  });

  it('waits while a post is unaccounted for or an asset is not handed over', () => {
    const started = u.history.transition();
    given(completeFinishedTransition, unitAfter([...started, u.handedOver('A-1'), u.handedOver('A-2')]))
      .when(handedOver)
      .then([]);
    given(
      completeFinishedTransition,
      unitAfter([...started, u.staffOutcome({ ...u.ALL_STAFF, left: 0 }), u.handedOver('A-1'), u.handedOver('A-2')]),
    )
      .when(handedOver)
      .then([]);
    given(completeFinishedTransition, unitAfter([...started, u.staffOutcome(u.ALL_STAFF), u.handedOver('A-1')]))
      .when(handedOver)
      .then([]);
  });

  it('does nothing for a unit no longer in transition', () => {
    given(completeFinishedTransition, unitAfter(u.history.outsourced())).when(handedOver).then([]);
  });
});

describe('contract terminated → unit reopened', () => {
  const terminated = (unitRoute: 'retender' | 'insource'): Trigger<ContractTerminated> => ({
    type: 'ContractTerminated',
    data: {
      contractId: c.CONTRACT_ID,
      unitId: c.UNIT_ID,
      providerId: c.PROVIDER_ID,
      reason: 'convenience',
      detail: 'Budget cut',
      unitRoute,
      terminatedBy: c.DIRECTOR,
      terminatedAt: AT,
    },
    streamId: contractStream,
    occurredAt: AT,
  });
  const reopen = (route: 'retender' | 'insource'): Reaction<ServiceUnitCommand>[] => [
    {
      streamId: streamIdOf('serviceUnit', c.UNIT_ID),
      command: {
        type: 'ReopenAfterTermination',
        data: { contractId: c.CONTRACT_ID, route, reason: 'Contract terminated (convenience): Budget cut' },
        actor: 'system:pm-termination-to-reopening',
        at: AT,
      },
    },
  ];

  it('reopens the unit on the route the termination named', () => {
    given(reopenUnitOnTermination, contract(c.history.terminated()))
      .when(terminated('insource'))
      .then(reopen('insource'));
    given(reopenUnitOnTermination, contract(c.history.terminated()))
      .when(terminated('retender'))
      .then(reopen('retender'));
  });

  it('reopens nothing for a contract its stream does not know', () => {
    given(reopenUnitOnTermination, { status: 'none' }).when(terminated('retender')).then([]);
  });
});
