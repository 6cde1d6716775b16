import { creditCodeCheckCharacter } from '@spinout/domain';
import type { Operation, Schema } from './openapi';
import type { Prng } from './prng';
import type { Contract, Programme, Provider, Unit } from './seeded-programme';

/**
 * Valid requests, before one thing in them is broken: a body generated from the operation's
 * schema (names decide values the schema cannot, such as dates), and the real ids and values
 * of the seeded programme where the aggregate would otherwise refuse at once.
 */
export interface ValidRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  body?: Record<string, unknown>;
}

/** Values by field name, where a type alone does not make a value valid. */
const VALUES_BY_NAME: Record<string, (rng: Prng) => unknown> = {
  currency: () => 'CNY',
  amountMinor: () => 1_000_000,
  targetDate: () => '2027-06-30',
  dueDate: () => '2027-03-31',
  until: () => '2027-01-31',
  newEnd: () => '2029-12-31',
  periodEnd: () => '2029-06-30',
  start: () => '2026-01-01',
  end: () => '2028-12-31',
  period: () => '2026-01',
  date: () => '2025-06-30',
  creditCode: (rng) => creditCode(rng),
  email: () => 'tenders@hostile.example',
  phone: () => '+86 10 6000 0000',
  slaId: () => 'hostile-sla',
  establishmentHeadcount: () => 5,
  target: () => 95,
  criticalThreshold: () => 80,
  weight: () => 1,
  capPercent: () => 10,
  percentOfCharge: () => 5,
  creditCapPercent: () => 20,
  criticalBreachesAllowed: () => 3,
  windowMonths: () => 12,
  value: () => 97.5,
  disposition: () => 'transferred',
  reason: () => 'Hostile tier: a stated reason',
};

/**
 * Optional fields that valid bodies carry; the others are left out (many are valid only with
 * particular other values). The barrage breaks optional fields all the same, by adding them.
 */
const OPTIONAL_INCLUDED = new Set([
  'currency',
  'percentOfCharge',
  'contractPeriod',
  'terminationRule',
  'creditCapPercent',
  'unitRoute',
  'periodEnd',
]);

export function validValue(schema: Schema, name: string, rng: Prng): unknown {
  const named = Object.hasOwn(VALUES_BY_NAME, name) ? VALUES_BY_NAME[name](rng) : undefined;
  if (named !== undefined && (!schema.enum || schema.enum.includes(named))) return named;
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'array') return schema.items ? [validValue(schema.items, name, rng)] : [];
  if (schema.type === 'object' || schema.properties) {
    const required = new Set(schema.required ?? []);
    const members = Object.entries(schema.properties ?? {}).filter(
      ([key]) => required.has(key) || OPTIONAL_INCLUDED.has(key),
    );
    return Object.fromEntries(members.map(([key, property]) => [key, validValue(property, key, rng)]));
  }
  if (schema.type === 'number' || schema.type === 'integer') return Math.max(schema.minimum ?? 1, 1);
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
  // Ids (`…Id`, `…Ref`) follow the id pattern; other text is free.
  return /(Id|Ref)$/.test(name) ? rng.id('hostile') : 'Hostile tier text';
}

/** What each operation needs to be real: its path's ids, and body values that must match the aggregate. */
type Real = (p: Programme, rng: Prng) => Partial<ValidRequest>;

const open = (unit: Unit) => unit.milestones.find((m) => m.completedAt === null) ?? unit.milestones[0];
const pending = (unit: Unit) => unit.assets.find((a) => a.handover === null) ?? unit.assets[0];
const contractOf = (p: Programme, unit: Unit) => p.contracts.find((c) => c.unitId === unit.id);
const lastMonth = (c: Contract) =>
  Object.values(c.measurements)
    .map((m) => m.period)
    .sort()
    .at(-1) ?? '2026-01';
const money = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

const REAL: Record<string, Real> = {
  'POST /service-units/{id}/plan': (p, rng) => ({ params: { id: unitIn(p, rng, 'in_house').id } }),
  'POST /service-units/{id}/plan/revise': (p, rng) => ({
    params: { id: unitIn(p, rng, 'plan_proposed', 'in_house').id },
  }),
  'POST /service-units/{id}/plan/approve': (p, rng) => ({ params: { id: unitIn(p, rng, 'plan_proposed').id } }),
  'POST /service-units/{id}/plan/reject': (p, rng) => ({ params: { id: unitIn(p, rng, 'plan_proposed').id } }),
  'POST /service-units/{id}/milestones/{milestoneId}/complete': (p, rng) => {
    const unit = rng.prefer(
      p.units.filter((u) => u.milestones.some((m) => m.completedAt === null)),
      p.units.filter((u) => u.milestones.length > 0),
    );
    return { params: { id: unit.id, milestoneId: open(unit).milestoneId } };
  },
  'POST /service-units/{id}/procurement': (p, rng) => ({
    params: { id: unitIn(p, rng, 'plan_approved').id },
    body: { procurementId: rng.id('ocds-hstile') },
  }),
  'POST /service-units/{id}/procurement/cancel': (p, rng) => {
    const unit = unitIn(p, rng, 'procurement');
    return {
      params: { id: unit.id },
      body: { procurementId: unit.procurement?.procurementId ?? rng.id('ocds-hstile') },
    };
  },
  'POST /service-units/{id}/award': (p, rng) => {
    const unit = unitIn(p, rng, 'procurement');
    const provider = rng.prefer(
      p.providers.filter((x) => x.status === 'active' && x.serviceCategories.includes(unit.category)),
      p.providers,
    );
    return {
      params: { id: unit.id },
      body: {
        procurementId: unit.procurement?.procurementId ?? rng.id('ocds-hstile'),
        providerId: provider.id,
        contractValue: money(36_000_000),
      },
    };
  },
  'POST /service-units/{id}/transition': (p, rng) => {
    const unit = unitIn(p, rng, 'awarded', 'transition');
    return { params: { id: unit.id }, body: { contractId: contractOf(p, unit)?.id ?? rng.pick(p.contracts).id } };
  },
  'POST /service-units/{id}/staff/plan': (p, rng) => staffCounts(unitIn(p, rng, 'transition', 'awarded')),
  'POST /service-units/{id}/staff/outcome': (p, rng) => staffCounts(unitIn(p, rng, 'transition')),
  'POST /service-units/{id}/assets/{assetId}/handover': (p, rng) => {
    const unit = unitIn(p, rng, 'transition');
    return { params: { id: unit.id, assetId: pending(unit).assetId } };
  },
  'POST /service-units/{id}/transition/complete': (p, rng) => ({ params: { id: unitIn(p, rng, 'transition').id } }),
  'POST /service-units/{id}/charge-back/complete': (p, rng) => ({
    params: { id: unitIn(p, rng, 'plan_approved', 'charge_back').id },
  }),
  'POST /service-units/{id}/reopen': (p, rng) => {
    const unit = rng.prefer(
      p.units.filter((u) => u.lastTermination !== null),
      p.units,
    );
    return {
      params: { id: unit.id },
      body: { contractId: unit.lastTermination?.contractId ?? rng.pick(p.contracts).id },
    };
  },
  'POST /contracts': (p, rng) => {
    const contract = rng.pick(p.contracts);
    const { unitId, providerId, agency, procurementId } = contract;
    return {
      body: {
        unitId,
        providerId,
        agency,
        procurementId,
        awardId: rng.id('award'),
        period: { start: '2027-01-01', end: '2029-12-31' },
      },
    };
  },
  'POST /contracts/{id}/sign': (p, rng) => ({ params: { id: contractIn(p, rng, 'draft').id } }),
  'POST /contracts/{id}/activate': (p, rng) => ({ params: { id: contractIn(p, rng, 'signed').id } }),
  'POST /contracts/{id}/suspend': (p, rng) => ({ params: { id: contractIn(p, rng, 'active').id } }),
  'POST /contracts/{id}/resume': (p, rng) => ({ params: { id: contractIn(p, rng, 'suspended').id } }),
  'POST /contracts/{id}/amendments': (p, rng) => ({ params: { id: contractIn(p, rng, 'draft').id } }),
  'POST /contracts/{id}/renew': (p, rng) => ({ params: { id: contractIn(p, rng, 'active').id } }),
  'POST /contracts/{id}/expire': (p, rng) => ({ params: { id: contractIn(p, rng, 'active').id } }),
  'POST /contracts/{id}/terminate': (p, rng) => ({
    params: { id: contractIn(p, rng, 'active').id },
    body: { reason: 'convenience' },
  }),
  'POST /contracts/{id}/measurements': (p, rng) => {
    const contract = contractIn(p, rng, 'active');
    const month = rng.pick([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    return { params: { id: contract.id }, body: { slaId: rng.pick(contract.slas).slaId, period: month } };
  },
  'POST /contracts/{id}/measurements/corrections': (p, rng) => {
    const contract = contractIn(p, rng, 'active');
    return { params: { id: contract.id }, body: { slaId: rng.pick(contract.slas).slaId, period: lastMonth(contract) } };
  },
  'POST /contracts/{id}/rectifications/{rectificationId}/close': (p, rng) => {
    const withOpen = p.contracts.filter((c) => Object.values(c.rectifications).some((r) => r.status === 'open'));
    const contract = rng.prefer(
      withOpen,
      p.contracts.filter((c) => Object.keys(c.rectifications).length > 0),
    );
    const rectification =
      Object.values(contract.rectifications).find((r) => r.status === 'open') ??
      Object.values(contract.rectifications)[0];
    return { params: { id: contract.id, rectificationId: rectification.rectificationId } };
  },
  'POST /contracts/{id}/invoices': (p, rng) => {
    const contract = contractIn(p, rng, 'active');
    return {
      params: { id: contract.id },
      body: { period: rng.pick(['2026-01', '2026-04', '2026-07', '2026-10']), grossCharge: contract.monthlyCharge },
    };
  },
  'POST /contracts/{id}/settlements/{period}/approve': (p, rng) => settlementOf(p, rng),
  'POST /contracts/{id}/settlements/{period}/payments': (p, rng) => {
    const { params, net } = settlementOf(p, rng);
    return { params, body: { amount: net } };
  },
  'POST /providers/{id}/suspend': (p, rng) => ({ params: { id: providerIn(p, rng, 'active').id } }),
  'POST /providers/{id}/reinstate': (p, rng) => ({ params: { id: providerIn(p, rng, 'suspended').id } }),
  'POST /providers/{id}/debar': (p, rng) => ({ params: { id: providerIn(p, rng, 'active').id } }),
  'GET /views/units/{unitId}': (p, rng) => ({ params: { unitId: rng.pick(p.units).id } }),
  'GET /views/contracts/{contractId}': (p, rng) => ({ params: { contractId: rng.pick(p.contracts).id } }),
  'GET /views/provider-scorecards/{providerId}/{period}': (p, rng) => ({ params: { ...rng.pick(p.scorecards) } }),
  'GET /views/reform-progress/{agency}/{category}': (p, rng) => ({ params: { ...rng.pick(p.progress) } }),
  'GET /views/audit-trail': (p, rng) => ({ query: { streamId: `contract-${rng.pick(p.contracts).id}` } }),
};

/** Operations that end something (a contract, a provider's standing, a plan): sent after the others, so those meet live aggregates. */
export const ENDING = new Set([
  'POST /contracts/{id}/terminate',
  'POST /contracts/{id}/expire',
  'POST /contracts/{id}/suspend',
  'POST /providers/{id}/debar',
  'POST /providers/{id}/suspend',
  'POST /service-units/{id}/procurement/cancel',
  'POST /service-units/{id}/plan/reject',
]);

/** A valid request for the operation, against a real aggregate drawn from the programme. */
export function validRequest(operation: Operation, p: Programme, rng: Prng): ValidRequest {
  const real = REAL[operation.key]?.(p, rng) ?? {};
  const params = { ...defaultParams(operation, p, rng), ...real.params };
  const query = Object.fromEntries(
    operation.query.filter((q) => q.required).map((q) => [q.name, String(validValue(q.schema, q.name, rng))]),
  );
  // A copy: the body is broken afterwards, and the programme's objects (money, periods) must stay as read.
  const body = operation.body
    ? structuredClone({ ...(validValue(operation.body, '', rng) as Record<string, unknown>), ...real.body })
    : undefined;
  return { params, query: { ...query, ...real.query }, body };
}

function defaultParams(operation: Operation, p: Programme, rng: Prng): Record<string, string> {
  const collection = operation.path.split('/')[1];
  const pool: Array<{ id: string }> =
    collection === 'contracts' ? p.contracts : collection === 'providers' ? p.providers : p.units;
  return Object.fromEntries(operation.pathParams.map((name) => [name, rng.pick(pool).id]));
}

function unitIn(p: Programme, rng: Prng, ...stages: string[]): Unit {
  return rng.prefer(
    p.units.filter((u) => stages.includes(u.stage)),
    p.units,
  );
}

function contractIn(p: Programme, rng: Prng, ...statuses: string[]): Contract {
  return rng.prefer(
    p.contracts.filter((c) => statuses.includes(c.status)),
    p.contracts,
  );
}

function providerIn(p: Programme, rng: Prng, ...statuses: string[]): Provider {
  return rng.prefer(
    p.providers.filter((x) => statuses.includes(x.status)),
    p.providers,
  );
}

function staffCounts(unit: Unit): Partial<ValidRequest> {
  return {
    params: { id: unit.id },
    body: { transferred: unit.establishmentHeadcount, redeployed: 0, retired: 0, left: 0 },
  };
}

function settlementOf(p: Programme, rng: Prng) {
  const contract = rng.pick(p.contracts.filter((c) => Object.keys(c.settlements).length > 0));
  const settlement = rng.pick(Object.values(contract.settlements));
  return { params: { id: contract.id, period: settlement.period }, net: settlement.net };
}

/** A unified social credit code with a correct check character, new to the programme. */
function creditCode(rng: Prng): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = `91110000${Array.from({ length: 9 }, () => rng.pick([...charset])).join('')}`;
  return first17 + creditCodeCheckCharacter(first17);
}
