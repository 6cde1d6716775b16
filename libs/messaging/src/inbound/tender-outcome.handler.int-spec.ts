import { randomUUID } from 'node:crypto';
import {
  DomainError,
  providerDecider,
  serviceUnitDecider,
  streamIdOf,
  type ProviderCommand,
  type ServiceUnitCommand,
} from '@spinout/domain';
import { runCommand, SqlEventStore, type EventStore } from '@spinout/event-store';
import { eventIdsFor, recordAward } from '@spinout/workflow';
import { DATABASES, POSTGRES, type OpenedDatabase } from '../../../event-store/test/databases';
import { CE_TYPES } from '../topics';
import { classifyFailure } from './failure-classification';
import { inboundEventIds } from './inbound-event-ids';
import type { DecodedMessage } from './tender-outcome.decoder';
import { handleTenderOutcome, TENDER_OUTCOMES_ACTOR, type MessageContext } from './tender-outcome.handler';

const SET_UP_AT = '2026-01-05T09:00:00.000Z';
const RECEIVED_AT = '2026-02-01T10:00:00.000Z';
const origin = { topic: 'procurement.tender-outcomes.v1', partition: 0, offset: '0' };
const context = (receivedAt = RECEIVED_AT): MessageContext => ({ origin, receivedAt });
const meta = (actor: string) => ({ actor, correlationId: randomUUID(), occurredAt: SET_UP_AT });

async function unit(store: EventStore, unitId: string, ocid: string, milestones: string[] = []): Promise<void> {
  const run = (command: Omit<ServiceUnitCommand, 'at'>) =>
    runCommand({
      store,
      decider: serviceUnitDecider,
      streamId: streamIdOf('serviceUnit', unitId),
      metadata: meta(command.actor),
      command: { ...command, at: SET_UP_AT } as ServiceUnitCommand,
    });
  await run({
    type: 'RegisterServiceUnit',
    actor: 'office',
    data: {
      unitId,
      agency: 'Provincial Finance Department',
      name: 'Canteen',
      category: 'canteen',
      establishmentHeadcount: 4,
      annualCostBaseline: { amountMinor: 150_000_000, currency: 'CNY' },
      assets: [],
    },
  });
  await run({
    type: 'ProposeReformPlan',
    actor: 'office',
    data: {
      mode: 'outsource',
      managementFunctionsKept: ['oversight'],
      rationale: 'Contract the service',
      targetAnnualCost: { amountMinor: 120_000_000, currency: 'CNY' },
      targetDate: '2026-12-31',
    },
  });
  await run({ type: 'ApproveReformPlan', actor: 'approver', data: {} });
  for (const [i, milestoneId] of milestones.entries()) {
    await run({
      type: 'ScheduleMilestone',
      actor: 'office',
      data: { milestoneId, kind: 'tender', title: `Tender ${i}`, dueDate: `2026-0${i + 3}-01` },
    });
  }
  await run({
    type: 'RequestProcurement',
    actor: 'office',
    data: {
      procurementId: ocid,
      estimatedValue: { amountMinor: 380_000_000, currency: 'CNY' },
      description: 'Canteen services',
    },
  });
}

async function provider(store: EventStore, providerId: string, suspendedUntil?: string): Promise<void> {
  const run = (command: ProviderCommand) =>
    runCommand({
      store,
      decider: providerDecider,
      streamId: streamIdOf('provider', providerId),
      metadata: meta(command.actor),
      command,
    });
  await run({
    type: 'RegisterProvider',
    actor: 'procurement',
    at: SET_UP_AT,
    data: {
      providerId,
      name: 'Pearl River Catering',
      creditCode: '91440300093677087R',
      serviceCategories: ['canteen'],
      contact: { email: 'ops@example.com' },
    },
  });
  if (suspendedUntil)
    await run({
      type: 'SuspendProvider',
      actor: 'procurement',
      at: SET_UP_AT,
      data: { until: suspendedUntil, reason: 'Food safety inspection failed' },
    });
}

function awardMessage(
  unitId: string,
  ocid: string,
  providerId: string,
  options: { id?: string; source?: string; time?: string; awardId?: string } = {},
): DecodedMessage {
  return {
    attributes: {
      id: options.id ?? randomUUID(),
      source: options.source ?? '/procurement',
      type: CE_TYPES.awardDecided,
      specversion: '1.0',
      time: options.time ?? '2026-01-20T08:00:00.000Z',
    },
    outcome: {
      kind: 'award_decided',
      body: {
        unitId,
        ocid,
        awardId: options.awardId ?? `award-${ocid}`,
        providerId,
        value: { amountMinor: 360_000_000, currency: 'CNY' },
      },
    },
  };
}

const ocid = () => `ocds-spnout-${randomUUID().slice(0, 8)}`;

describe.each(DATABASES)('tender outcomes on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;
  const types = async (unitId: string) =>
    (await store.readStream(streamIdOf('serviceUnit', unitId))).map((e) => e.type);

  beforeAll(async () => {
    opened = await kind.open();
    store = new SqlEventStore(opened.db);
  });
  afterAll(async () => {
    await opened.dispose();
  });

  it('decides at the time of receipt, keeps ce_time as metadata, and takes a redelivery received later as a duplicate', async () => {
    const [unitId, providerId, tender] = [randomUUID(), randomUUID(), ocid()];
    await unit(store, unitId, tender);
    await provider(store, providerId);
    const message = awardMessage(unitId, tender, providerId, { time: '2025-11-30T16:00:00.000Z' });

    expect(await handleTenderOutcome(store, message, context())).toMatchObject({ effect: 'applied' });
    const award = (await store.readStream(streamIdOf('serviceUnit', unitId))).at(-1);
    expect(award).toMatchObject({
      eventId: inboundEventIds('/procurement', message.attributes.id)(0),
      type: 'AwardRecorded',
      data: { recordedAt: RECEIVED_AT, recordedBy: TENDER_OUTCOMES_ACTOR },
      metadata: {
        occurredAt: RECEIVED_AT,
        receivedAt: RECEIVED_AT,
        ceTime: '2025-11-30T16:00:00.000Z',
        source: '/procurement',
        causationId: message.attributes.id,
      },
    });

    expect(await handleTenderOutcome(store, message, context('2026-02-03T07:00:00.000Z'))).toMatchObject({
      effect: 'duplicate',
    });
    expect((await types(unitId)).filter((t) => t === 'AwardRecorded')).toHaveLength(1);
  });

  it('checks the provider on the day of receipt, whatever day ce_time names', async () => {
    const [suspended, lapsed] = [randomUUID(), randomUUID()];
    await provider(store, suspended, '2026-06-30');
    await provider(store, lapsed, '2026-01-15');
    const [unitA, unitB, tenderA, tenderB] = [randomUUID(), randomUUID(), ocid(), ocid()];
    await unit(store, unitA, tenderA);
    await unit(store, unitB, tenderB);

    // Stamped after the suspension ends, received during it: refused.
    const ahead = handleTenderOutcome(
      store,
      awardMessage(unitA, tenderA, suspended, { time: '2027-02-01T10:00:00.000Z' }),
      context(),
    );
    await expect(ahead).rejects.toMatchObject({ code: 'provider_not_eligible' });
    // Stamped during a suspension that has ended by the time of receipt: accepted.
    expect(
      await handleTenderOutcome(
        store,
        awardMessage(unitB, tenderB, lapsed, { time: '2026-01-10T10:00:00.000Z' }),
        context(),
      ),
    ).toMatchObject({ effect: 'applied' });
  });

  it('appends nothing for a redelivered message that was applied when ids came from ce_id alone', async () => {
    const [unitId, providerId, tender] = [randomUUID(), randomUUID(), ocid()];
    await unit(store, unitId, tender, ['tender-a', 'tender-b']);
    await provider(store, providerId);
    // What the earlier consumer stored: ids from ce_id, ce_time as the time of the decision.
    const published: DecodedMessage = {
      attributes: {
        id: `legacy-${randomUUID()}`,
        source: '/procurement',
        type: CE_TYPES.tenderPublished,
        specversion: '1.0',
        time: '2026-01-10T08:00:00.000Z',
      },
      outcome: { kind: 'tender_published', body: { unitId, ocid: tender } },
    };
    const award = awardMessage(unitId, tender, providerId, { id: `legacy-${randomUUID()}` });
    const legacyMetadata = (m: DecodedMessage) => ({
      actor: TENDER_OUTCOMES_ACTOR,
      correlationId: m.attributes.id,
      causationId: m.attributes.id,
      occurredAt: m.attributes.time,
      source: m.attributes.source,
      kafka: origin,
    });
    await runCommand({
      store,
      decider: serviceUnitDecider,
      streamId: streamIdOf('serviceUnit', unitId),
      metadata: legacyMetadata(published),
      eventIds: eventIdsFor(published.attributes.id),
      command: {
        type: 'CompleteMilestone',
        data: { milestoneId: 'tender-a' },
        actor: TENDER_OUTCOMES_ACTOR,
        at: published.attributes.time,
      },
    });
    const body = award.outcome.kind === 'award_decided' ? award.outcome.body : null;
    await recordAward(store, {
      unitId,
      actor: TENDER_OUTCOMES_ACTOR,
      at: award.attributes.time,
      metadata: legacyMetadata(award),
      eventIds: eventIdsFor(award.attributes.id),
      award: { procurementId: tender, awardId: body!.awardId, providerId, contractValue: body!.value },
    });
    const before = await types(unitId);

    // The milestone message would otherwise complete the next open milestone, tender-b.
    expect(await handleTenderOutcome(store, published, context())).toMatchObject({ effect: 'duplicate' });
    expect(await handleTenderOutcome(store, award, context())).toMatchObject({ effect: 'duplicate' });
    expect(await types(unitId)).toEqual(before);
  });

  it('takes the same ce_id from two sources as two messages, and never one for the other', async () => {
    const [unit1, unit2, providerId, tender1, tender2] = [randomUUID(), randomUUID(), randomUUID(), ocid(), ocid()];
    await unit(store, unit1, tender1);
    await unit(store, unit2, tender2);
    await provider(store, providerId);
    const id = `shared-${randomUUID()}`;

    expect(
      await handleTenderOutcome(
        store,
        awardMessage(unit1, tender1, providerId, { id, source: '/procurement/east' }),
        context(),
      ),
    ).toMatchObject({ effect: 'applied' });
    expect(
      await handleTenderOutcome(
        store,
        awardMessage(unit2, tender2, providerId, { id, source: '/procurement/west' }),
        context(),
      ),
    ).toMatchObject({ effect: 'applied' });
    // The west system's message about unit 1 is its own decision: refused on its merits, not taken as the east's.
    const other = handleTenderOutcome(
      store,
      awardMessage(unit1, tender1, providerId, { id, source: '/procurement/west', awardId: 'award-other' }),
      context(),
    );
    await expect(other).rejects.toMatchObject({ code: 'procurement_not_open' });
  });

  it('takes an award already recorded under another message id as a duplicate', async () => {
    const [unitId, providerId, tender] = [randomUUID(), randomUUID(), ocid()];
    await unit(store, unitId, tender);
    await provider(store, providerId);
    await handleTenderOutcome(store, awardMessage(unitId, tender, providerId), context());
    expect(await handleTenderOutcome(store, awardMessage(unitId, tender, providerId), context())).toMatchObject({
      effect: 'duplicate',
    });
    expect((await types(unitId)).filter((t) => t === 'AwardRecorded')).toHaveLength(1);
  });
});

describe('a value PostgreSQL refuses', () => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await POSTGRES.open();
  });
  afterAll(async () => {
    await opened.dispose();
  });

  it('fails the same way on every try, and is classified as permanent', async () => {
    const store = new SqlEventStore(opened.db);
    const [unitId, providerId, tender] = [randomUUID(), randomUUID(), ocid()];
    await unit(store, unitId, tender);
    await provider(store, providerId);
    // The decoder refuses this before it gets here; this is the database's own answer to it.
    const message = awardMessage(unitId, tender, providerId, { awardId: 'award\u0000-1' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await handleTenderOutcome(store, message, context()).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).not.toBeInstanceOf(DomainError);
      expect(classifyFailure(error)).toMatchObject({ kind: 'permanent', code: 'invalid_data' });
    }
  });
});
