import { fieldPaths, type Operation, type Schema } from './openapi';
import {
  BROKEN_BODIES,
  BROKEN_HEADERS,
  BROKEN_PATH_SEGMENTS,
  BROKEN_QUERIES,
  BROKEN_QUERY_VALUES,
  BROKEN_VALUES,
  type BodyOverride,
  EVERY_VALUE_FOR,
  SAMPLED_PER_FIELD,
  SAMPLED_PER_QUERY_PARAMETER,
  serialise,
} from './mutations';
import type { Prng } from './prng';
import type { Programme } from './seeded-programme';
import { ENDING, validRequest, type ValidRequest, validValue } from './valid-requests';

/** One request of the barrage: a valid request of `operation` with `mutation` applied. */
export interface HostileRequest {
  operation: string;
  mutation: string;
  method: string;
  /** Path and query string, encoded as sent. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * Every operation × the breakages that apply to it (all of them, or a seeded sample where the
 * catalogue says so), each on a fresh valid request drawn from the programme. Operations that
 * end things go last; the rest is shuffled, so the aggregates' states change under the barrage
 * in no particular order.
 */
export function buildBarrage(
  operations: Operation[],
  programme: Programme,
  rng: Prng,
  auth: Record<string, string>,
): HostileRequest[] {
  const all = operations.flatMap((operation) => requestsOf(operation, programme, rng, auth));
  return [
    ...shuffle(
      all.filter((r) => !ENDING.has(r.operation)),
      rng,
    ),
    ...shuffle(
      all.filter((r) => ENDING.has(r.operation)),
      rng,
    ),
  ];
}

/** What replaces the valid request's own: path segments, the query string, the body, extra headers. */
interface Breakage {
  segments?: Record<string, string>;
  query?: string;
  override?: BodyOverride;
  headers?: Record<string, string>;
}

function requestsOf(
  operation: Operation,
  programme: Programme,
  rng: Prng,
  auth: Record<string, string>,
): HostileRequest[] {
  const fresh = () => validRequest(operation, programme, rng);
  const make = (mutation: string, valid: ValidRequest, broken: Breakage = {}): HostileRequest => {
    const path = operation.path.replace(
      /{(\w+)}/g,
      (_, name: string) => broken.segments?.[name] ?? encodeURIComponent(valid.params[name]),
    );
    const query = broken.query ?? queryString(valid.query);
    const body = broken.override?.body ?? (valid.body ? Buffer.from(serialise(valid.body)) : undefined);
    const type = broken.override ? broken.override.headers : body ? { 'content-type': 'application/json' } : {};
    return {
      operation: operation.key,
      mutation,
      method: operation.method,
      path: query ? `${path}?${query}` : path,
      headers: { ...auth, ...type, ...broken.headers },
      body,
    };
  };

  const requests: HostileRequest[] = [];
  for (const field of operation.body ? fieldPaths(operation.body) : []) {
    for (const [name, value] of [...BROKEN_VALUES.always, ...rng.sample(BROKEN_VALUES.sampled, SAMPLED_PER_FIELD)]) {
      const valid = fresh();
      setAt(valid.body as Record<string, unknown>, operation.body as Schema, field, value(), rng);
      requests.push(make(`body.${field.join('.')} = ${name}`, valid));
    }
  }
  for (const parameter of operation.query) {
    const values = EVERY_VALUE_FOR.test(parameter.name)
      ? BROKEN_QUERY_VALUES
      : rng.sample(BROKEN_QUERY_VALUES, SAMPLED_PER_QUERY_PARAMETER);
    for (const [name, broken] of values) {
      const valid = fresh();
      const others = queryString(
        Object.fromEntries(Object.entries(valid.query).filter(([key]) => key !== parameter.name)),
      );
      requests.push(
        make(`query ${parameter.name} = ${name}`, valid, {
          query: [others, broken(parameter.name)].filter(Boolean).join('&'),
        }),
      );
    }
  }
  if (operation.query.length > 0) {
    for (const [name, broken] of BROKEN_QUERIES) {
      const valid = fresh();
      requests.push(
        make(`query: ${name}`, valid, { query: [queryString(valid.query), broken].filter(Boolean).join('&') }),
      );
    }
  }
  for (const parameter of operation.pathParams) {
    for (const [name, segment] of BROKEN_PATH_SEGMENTS)
      requests.push(make(`path {${parameter}} = ${name}`, fresh(), { segments: { [parameter]: segment } }));
  }
  if (operation.method !== 'GET') {
    for (const [name, override] of BROKEN_BODIES) {
      const valid = fresh();
      requests.push(make(`body: ${name}`, valid, { override: override(serialise(valid.body ?? {})) }));
    }
    for (const [name, headers] of BROKEN_HEADERS) requests.push(make(name, fresh(), { headers }));
  }
  return requests;
}

/**
 * Sets a field, e.g. `['assets', '0', 'bookValue']`; an optional object on its way that the valid
 * body left out is added with valid members, so that the field is the only thing broken.
 */
function setAt(body: Record<string, unknown>, schema: Schema, path: string[], value: unknown, rng: Prng): void {
  let node = body;
  let nodeSchema: Schema | undefined = schema;
  for (const key of path.slice(0, -1)) {
    nodeSchema = nodeSchema?.type === 'array' ? nodeSchema.items : nodeSchema?.properties?.[key];
    if (typeof node[key] !== 'object' || node[key] === null)
      node[key] = nodeSchema ? validValue(nodeSchema, key, rng) : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function queryString(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

function shuffle<T>(items: T[], rng: Prng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
