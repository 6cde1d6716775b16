import { DomainError } from '@spinout/domain';
import { decodeCursor, encodeCursor, keysetParts, orderClause, type Ordering } from './keyset';

const BY_COST: Ordering = {
  view: 'units',
  sort: 'contractedAnnualCost',
  order: 'desc',
  terms: [
    { column: 'contracted_annual_cost_minor', direction: 'desc', nullable: true, kind: 'integer' },
    { column: 'unit_id', direction: 'asc', nullable: false, kind: 'text' },
  ],
};
const BY_PERIOD: Ordering = {
  view: 'sla_compliance',
  sort: 'period',
  order: 'desc',
  terms: [
    { column: 'period', direction: 'desc', nullable: false, kind: 'text' },
    { column: 'contract_id', direction: 'asc', nullable: false, kind: 'text' },
    { column: 'sla_id', direction: 'asc', nullable: false, kind: 'text' },
  ],
};
const BY_VALUE: Ordering = {
  ...BY_PERIOD,
  sort: 'value',
  terms: [{ column: 'value', direction: 'asc', nullable: false, kind: 'real' }, ...BY_PERIOD.terms],
};

const raw = (payload: unknown) => Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
const issued = (ordering: Ordering, after: unknown[]) =>
  raw({ v: 1, view: ordering.view, sort: ordering.sort, order: ordering.order, after });

function refusal(ordering: Ordering, cursor: unknown): unknown {
  try {
    decodeCursor(ordering, cursor);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('keyset cursors', () => {
  it('give back the position they were issued for', () => {
    expect(decodeCursor(BY_COST, encodeCursor(BY_COST, [240_000_000, 'u7']))).toEqual([240_000_000, 'u7']);
    expect(decodeCursor(BY_COST, encodeCursor(BY_COST, [null, 'u7']))).toEqual([null, 'u7']);
    expect(decodeCursor(BY_VALUE, encodeCursor(BY_VALUE, [0.1 + 0.2, '2025-03', 'c1', 'availability']))).toEqual([
      0.1 + 0.2,
      '2025-03',
      'c1',
      'availability',
    ]);
    expect(encodeCursor(BY_PERIOD, ['2025-03', 'c1', 'a'])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  const json = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  const sla = (after: unknown[]) => issued(BY_PERIOD, after);
  const cost = (after: unknown[]) => issued(BY_COST, after);

  it.each<[string, Ordering, unknown]>([
    ['an empty string', BY_PERIOD, ''],
    ['a number', BY_PERIOD, 42],
    ['an array', BY_PERIOD, ['a']],
    ['text that is not base64url', BY_PERIOD, 'not a cursor!'],
    ['standard base64 padding', BY_PERIOD, `${sla(['2025-03', 'c1', 'a'])}==`],
    ['more than 2,048 characters', BY_PERIOD, 'A'.repeat(2049)],
    ['bytes that are not JSON', BY_PERIOD, Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64url')],
    ['truncated JSON', BY_PERIOD, sla(['2025-03', 'c1', 'a']).slice(0, 20)],
    ['a JSON string', BY_PERIOD, raw('2025-03')],
    ['a JSON array', BY_PERIOD, raw([1, 'sla_compliance', 'period', 'desc', ['2025-03', 'c1', 'a']])],
    ['null', BY_PERIOD, raw(null)],
    [
      'another version',
      BY_PERIOD,
      raw({ v: 2, view: 'sla_compliance', sort: 'period', order: 'desc', after: ['2025-03', 'c1', 'a'] }),
    ],
    [
      'an extra field',
      BY_PERIOD,
      raw({
        v: 1,
        view: 'sla_compliance',
        sort: 'period',
        order: 'desc',
        after: ['2025-03', 'c1', 'a'],
        sql: 'DROP TABLE units',
      }),
    ],
    [
      'a missing field',
      BY_PERIOD,
      raw({ v: 1, view: 'sla_compliance', sort: 'period', after: ['2025-03', 'c1', 'a'] }),
    ],
    [
      'a __proto__ field',
      BY_PERIOD,
      json(
        '{"v":1,"view":"sla_compliance","sort":"period","order":"desc","after":["2025-03","c1","a"],"__proto__":{"v":1}}',
      ),
    ],
    ['another view', BY_PERIOD, issued({ ...BY_PERIOD, view: 'settlements' }, ['2025-03', 'c1', 'a'])],
    ['another sort', BY_PERIOD, issued(BY_VALUE, [1, '2025-03', 'c1', 'a'])],
    ['another order', BY_PERIOD, issued({ ...BY_PERIOD, order: 'asc' }, ['2025-03', 'c1', 'a'])],
    ['too few values', BY_PERIOD, sla(['2025-03', 'c1'])],
    ['too many values', BY_PERIOD, sla(['2025-03', 'c1', 'a', 'b'])],
    [
      'values that are not an array',
      BY_PERIOD,
      raw({ v: 1, view: 'sla_compliance', sort: 'period', order: 'desc', after: { 0: '2025-03' } }),
    ],
    ['a number for a text column', BY_PERIOD, sla([202503, 'c1', 'a'])],
    ['null for a column without NULLs', BY_PERIOD, sla(['2025-03', null, 'a'])],
    ['an object value', BY_PERIOD, sla(['2025-03', { toString: 'c1' }, 'a'])],
    ['a NUL in a value', BY_PERIOD, sla(['2025-03', 'c\u00001', 'a'])],
    ['a lone surrogate in a value', BY_PERIOD, sla(['2025-03', 'c\ud8001', 'a'])],
    ['a value of 1,001 characters', BY_PERIOD, sla(['2025-03', 'c'.repeat(1001), 'a'])],
    ['text for a number column', BY_COST, cost(['240000000', 'u7'])],
    ['a fraction for a whole-number column', BY_COST, cost([1.5, 'u7'])],
    [
      'an unsafe integer',
      BY_COST,
      json('{"v":1,"view":"units","sort":"contractedAnnualCost","order":"desc","after":[9007199254740993,"u7"]}'),
    ],
    [
      'a number too large for a double',
      BY_VALUE,
      json('{"v":1,"view":"sla_compliance","sort":"value","order":"desc","after":[1e400,"2025-03","c1","a"]}'),
    ],
  ])('refuses %s with an invalid_query naming cursor', (_case, ordering, cursor) => {
    const error = refusal(ordering, cursor);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'invalid', code: 'invalid_query', details: { field: 'cursor' } });
  });
});

describe('keyset parts', () => {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  beforeEach(() => params.splice(0));

  it('split the rows after a position into one index range per term', () => {
    expect(keysetParts(BY_PERIOD.terms, ['2025-03', 'c1', 'a'], param)).toEqual([
      ['period < $1'],
      ['period = $1', 'contract_id > $2'],
      ['period = $1', 'contract_id = $2', 'sla_id > $3'],
    ]);
    expect(params).toEqual(['2025-03', 'c1', 'a']);
  });

  it('put NULLs of the sort column last, and read the rows after a NULL among the NULLs', () => {
    expect(keysetParts(BY_COST.terms, [500, 'u3'], param)).toEqual([
      ['contracted_annual_cost_minor < $1'],
      ['contracted_annual_cost_minor IS NULL'],
      ['contracted_annual_cost_minor = $1', 'unit_id > $2'],
    ]);
    expect(keysetParts(BY_COST.terms, [null, 'u3'], param)).toEqual([
      ['contracted_annual_cost_minor IS NULL', 'unit_id > $3'],
    ]);
    expect(keysetParts(BY_COST.terms, undefined, param)).toEqual([
      ['contracted_annual_cost_minor IS NOT NULL'],
      ['contracted_annual_cost_minor IS NULL'],
    ]);
    expect(keysetParts(BY_PERIOD.terms, undefined, param)).toEqual([[]]);
    expect(orderClause(BY_COST.terms)).toBe(
      'ORDER BY (contracted_annual_cost_minor IS NULL), contracted_annual_cost_minor DESC, unit_id ASC',
    );
  });
});
