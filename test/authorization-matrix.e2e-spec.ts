import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { ACCESS, accessOf, FINANCIAL_FIELDS, type Access } from '../apps/api/src/auth/access-policy';
import { ROLES, type Role } from '../apps/api/src/auth/roles';
import { DIALECTS, startTestApp, TEST_JWT_SECRET, type TestApp, processorsCaughtUp } from './support/app';

/**
 * Every operation of the API × every kind of caller, against the one declared access table
 * (apps/api/src/auth/access-policy.ts): no token and four kinds of bad token are refused with
 * 401 everywhere but on public routes; each role is admitted exactly where the table says and
 * refused with 403 elsewhere. Admitted requests address aggregates that do not exist, so the
 * matrix changes nothing. Then a viewer reads every route it may, on real data, and never sees
 * a financial field that a finance reader does see.
 */
type Operation = { method: string; path: string; key: string };

const BAD_TOKENS: Record<string, () => string> = {
  expired: () => sign({ roles: ['admin'], iat: now() - 7200 }, { expiresIn: 3600 }),
  'another secret': () =>
    sign({ roles: ['admin'] }, { expiresIn: 600, secret: 'a-different-secret-that-is-long-enough-000000' }),
  'alg: none': () =>
    `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'mallory', roles: ['admin'], iss: 'spinout', exp: now() + 600 })}.`,
  'no exp': () => sign({ roles: ['admin'] }, {}),
};

function now(): number {
  return Math.floor(Date.now() / 1000);
}
function part(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
function sign(payload: object, options: { expiresIn?: number; secret?: string }): string {
  const { secret = TEST_JWT_SECRET, ...rest } = options;
  return new JwtService({ secret }).sign(payload, {
    algorithm: 'HS256',
    issuer: 'spinout',
    subject: 'mallory',
    ...rest,
  });
}

/** Path parameters that name nothing: an admitted command finds no aggregate and appends nothing. */
const PARAMETERS: Record<string, string> = {
  id: randomUUID(),
  milestoneId: 'm-none',
  assetId: 'A-none',
  rectificationId: 'r-none',
  period: '2025-01',
  unitId: randomUUID(),
  contractId: randomUUID(),
  providerId: randomUUID(),
  agency: 'Nowhere',
  category: 'canteen',
};
const fill = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(PARAMETERS[name] ?? 'x'));

describe.each(DIALECTS)('authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp(dialect, { seedDemo: true });
    const document = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
      })),
    );
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const call = (operation: Operation, headers: Record<string, string> = {}) => {
    const url = fill(operation.path);
    const request = operation.method === 'GET' ? t.http.get(url) : t.http.post(url).send({});
    return request.set(headers);
  };
  const undocumented = () =>
    (Object.keys(ACCESS) as string[])
      .filter((key) => !operations.some((operation) => operation.key === key))
      .map((key) => {
        const [method, path] = key.split(' ');
        return { method, path, key };
      });

  it('has one rule for every documented operation, and every rule names a route that exists', async () => {
    expect(
      operations.filter((operation) => accessOf(operation.key) === undefined).map((operation) => operation.key),
    ).toEqual([]);
    // The rules the document does not list are the dashboard's static files: they must answer.
    const others = undocumented();
    expect(others.map((operation) => operation.path).every((path) => path.startsWith('/dashboard'))).toBe(true);
    for (const operation of others)
      expect([operation.key, (await call(operation)).status]).toEqual([operation.key, 200]);
  });

  it('refuses a missing or bad token with a 401 problem on every operation that is not public', async () => {
    const seen: string[] = [];
    for (const operation of [...operations, ...undocumented()]) {
      const access = accessOf(operation.key) as Access;
      for (const [name, token] of [
        ['no token', undefined],
        ...Object.entries(BAD_TOKENS).map(([n, make]) => [n, make()]),
      ] as Array<[string, string | undefined]>) {
        const response = await call(operation, token ? { Authorization: `Bearer ${token}` } : {});
        const refused = response.status === 401;
        if (refused !== (access !== 'public')) seen.push(`${operation.key} with ${name}: ${response.status}`);
        if (refused) expect(response.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect(seen).toEqual([]);
  });

  it('admits each role exactly where the table says, and refuses it with a 403 problem elsewhere', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const operation of operations) {
      const access = accessOf(operation.key) as Access;
      for (const role of ROLES) {
        const expected = access === 'public' || role === 'admin' || access.includes(role);
        const response = await call(operation, t.as(`matrix.${role}`, role));
        checked += 1;
        const admitted = response.status !== 401 && response.status !== 403;
        if (admitted !== expected || response.status >= 500)
          mismatches.push(`${operation.key} as ${role}: ${response.status} ${response.text.slice(0, 120)}`);
        if (!admitted) expect(response.body).toMatchObject({ status: 403, code: 'role_required' });
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(operations.length * ROLES.length);
  });

  describe('financial fields', () => {
    let contractId: string;
    let providerId: string;
    let unitId: string;

    beforeAll(async () => {
      await processorsCaughtUp(t);
      const contracts = (
        await t.http
          .get('/views/contracts')
          .query({ status: 'active', limit: 1 })
          .set(t.as('cm', 'contract_manager'))
          .expect(200)
      ).body.items;
      ({ contractId, providerId, unitId } = contracts[0]);
    }, 90_000);

    const readable = (role: Role) =>
      operations
        .filter((operation) => operation.method === 'GET' && !operation.path.startsWith('/docs'))
        .filter((operation) => {
          const access = accessOf(operation.key) as Access;
          return access !== 'public' && access.includes(role);
        });
    const realUrl = (path: string) =>
      path
        .replace(
          '{id}',
          path.startsWith('/contracts') ? contractId : path.startsWith('/providers') ? providerId : unitId,
        )
        .replace('{contractId}', contractId)
        .replace('{unitId}', unitId)
        .replace('{providerId}', providerId)
        .replace('{period}', '2025-06')
        .replace('{agency}', 'x')
        .replace('{category}', 'canteen');
    const financialPaths = (value: unknown, path = ''): string[] => {
      if (typeof value !== 'object' || value === null) return [];
      return Object.entries(value).flatMap(([key, member]) => [
        ...((FINANCIAL_FIELDS as readonly string[]).includes(key) ? [`${path}.${key}`] : []),
        ...financialPaths(member, `${path}.${key}`),
      ]);
    };
    const read = async (path: string, role: Role) => {
      const response = await t.http
        .get(realUrl(path))
        .query(path.endsWith('as-of') ? { date: '2026-01-01' } : {})
        .set(t.as(`fin.${role}`, role));
      expect([path, response.status]).toEqual([path, expect.any(Number)]);
      return response;
    };

    it('never shows a viewer or procurement a settlement, an amount paid or a payment reference, on any route', async () => {
      let routes = 0;
      for (const role of ['viewer', 'procurement'] as const) {
        for (const operation of readable(role)) {
          const response = await read(operation.path, role);
          if (response.status !== 200) continue;
          routes += 1;
          expect([operation.path, financialPaths(response.body)]).toEqual([operation.path, []]);
        }
      }
      expect(routes).toBeGreaterThanOrEqual(20);
    });

    it('shows them to a finance reader on the same routes', async () => {
      const contract = await read('/contracts/{id}', 'contract_manager');
      expect(Object.keys(contract.body.settlements).length).toBeGreaterThan(0);
      const row = await read('/views/contracts/{contractId}', 'approver');
      expect(row.body.paidMinor).toBeGreaterThan(0);
      const asOf = await read('/contracts/{id}/as-of', 'auditor');
      expect(financialPaths(asOf.body)).toContain('.state.settlements');
    });
  });
});
