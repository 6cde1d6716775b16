import type { ContractLifecycleEvent } from './outbound.v1';
import { contractLifecycleV1, procurementRequestedV1, providerScorecardPublishedV1 } from './outbound.v1';
import { SchemaValidator } from './schema-validator';
import { CE_TYPES, DEFAULT_TOPICS } from '../topics';
import type { ProviderScorecardPublished } from '@spinout/domain';
import type { ContractRefV1 } from './payloads.v1';

const validator = new SchemaValidator();
const schemaOf: Record<string, string> = {
  [CE_TYPES.procurementRequested]: 'ProcurementRequestedV1',
  [CE_TYPES.contractSigned]: 'ContractSignedV1',
  [CE_TYPES.contractActivated]: 'ContractActivatedV1',
  [CE_TYPES.contractAmended]: 'ContractAmendedV1',
  [CE_TYPES.contractTerminated]: 'ContractTerminatedV1',
  [CE_TYPES.contractExpired]: 'ContractExpiredV1',
  [CE_TYPES.providerScorecardPublished]: 'ProviderScorecardPublishedV1',
};
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const ref: ContractRefV1 = {
  contractId: 'c-1',
  unitId: 'u-1',
  providerId: 'p-1',
  agency: 'Finance Department',
  ocid: 'ocds-spnout-fin-001',
  awardId: 'a-1',
};
const parties = { contractId: 'c-1', unitId: 'u-1', providerId: 'p-1' };
const at = '2025-05-01T08:00:00.000Z';

describe('v1 integration payloads', () => {
  it('publishes a procurement request with the buyer agency and the OCDS ocid, keyed by unit', () => {
    const message = procurementRequestedV1(
      {
        type: 'ProcurementRequested',
        data: {
          unitId: 'u-1',
          procurementId: 'ocds-spnout-fin-001',
          estimatedValue: cny(380_000_000),
          description: 'Canteen services',
          category: 'canteen',
          requestedAt: at,
          requestedBy: 'li.office',
        },
      },
      'Finance Department',
      DEFAULT_TOPICS,
    );
    expect(message).toEqual({
      topic: 'spinout.procurement-requests.v1',
      key: 'u-1',
      type: CE_TYPES.procurementRequested,
      payload: {
        unitId: 'u-1',
        ocid: 'ocds-spnout-fin-001',
        description: 'Canteen services',
        category: 'canteen',
        estimatedValue: cny(380_000_000),
        agency: 'Finance Department',
        requestedAt: at,
      },
    });
    expect(validator.validate('ProcurementRequestedV1', message.payload)).toEqual({ ok: true });
  });

  const lifecycle: ContractLifecycleEvent[] = [
    { type: 'ContractSigned', data: { ...parties, signedBy: 'cm', signedAt: at } },
    {
      type: 'ContractActivated',
      data: { ...parties, period: { start: '2025-05-01', end: '2028-04-30' }, activatedBy: 'cm', activatedAt: at },
    },
    {
      type: 'ContractAmended',
      data: {
        contractId: 'c-1',
        amendmentId: 'am-1',
        version: 1,
        rationale: 'Scope',
        changes: { totalValue: cny(1), periodEnd: '2028-12-31' },
        amendedBy: 'cm',
        amendedAt: at,
      },
    },
    {
      type: 'ContractTerminated',
      data: {
        ...parties,
        reason: 'breach',
        detail: 'Three critical breaches',
        unitRoute: 'insource',
        terminatedBy: 'cm',
        terminatedAt: at,
      },
    },
    { type: 'ContractExpired', data: { ...parties, expiredBy: 'cm', expiredAt: at } },
  ];
  it.each(lifecycle.map((event) => [event.type, event] as const))(
    'maps %s to a valid contracts.v1 message keyed by contract',
    (_, event) => {
      const message = contractLifecycleV1(event, ref, DEFAULT_TOPICS);
      expect(message).toMatchObject({ topic: 'spinout.contracts.v1', key: 'c-1', payload: ref });
      expect(validator.validate(schemaOf[message.type], message.payload)).toEqual({ ok: true });
    },
  );

  it('never leaks internal fields such as who signed', () => {
    expect(JSON.stringify(contractLifecycleV1(lifecycle[0], ref, DEFAULT_TOPICS).payload)).not.toContain('signedBy');
  });

  it('maps a scorecard to provider-performance.v1 keyed by provider', () => {
    const event: ProviderScorecardPublished = {
      type: 'ProviderScorecardPublished',
      data: {
        providerId: 'p-1',
        period: '2025-05',
        revision: 2,
        score: 62.5,
        rating: 'requires_improvement',
        weightTotal: 4,
        measurements: 3,
        contracts: 2,
        breaches: 2,
        criticalBreaches: 1,
        serviceCredits: [cny(1400_00)],
        contractScores: [{ contractId: 'c-1', score: 83.33, measurements: 2 }],
        basedOn: { contractId: 'c-1', settlementEventId: 'e-9' },
        publishedAt: at,
        publishedBy: 'system:pm-provider-scorecard',
      },
    };
    const message = providerScorecardPublishedV1(event, DEFAULT_TOPICS);
    expect(message).toMatchObject({
      topic: 'spinout.provider-performance.v1',
      key: 'p-1',
      type: CE_TYPES.providerScorecardPublished,
    });
    expect(message.payload).not.toHaveProperty('basedOn');
    expect(validator.validate('ProviderScorecardPublishedV1', message.payload)).toEqual({ ok: true });
  });
});
