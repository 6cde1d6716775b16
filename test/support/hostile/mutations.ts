import { gzipSync } from 'node:zlib';

/**
 * The catalogue of breakages, as data. Every request of the tier is a valid request with exactly
 * one of these applied: one body field, one query parameter, one path segment, the body as a
 * whole, or one header.
 */

/** JSON text spliced in as is, for what JSON.stringify cannot write (2^53+1, 1e400, a 10,000-deep value). */
export class RawJson {
  constructor(readonly text: string) {}
}

const nested = (open: string, inner: string, close: string, depth: number) =>
  open.repeat(depth) + inner + close.repeat(depth);
const DEEP = 10_000;

type Catalogue<T> = ReadonlyArray<readonly [string, T]>;

/**
 * Values put in place of one body field (or added where the field is optional): each field gets
 * every value of `always`, and `SAMPLED_PER_FIELD` of `sampled` drawn by the seeded PRNG.
 */
export const BROKEN_VALUES: { always: Catalogue<() => unknown>; sampled: Catalogue<() => unknown> } = {
  always: [
    // Text no database keeps, first: these must be refused before an append, not by the database.
    ['NUL', () => '\u0000'],
    ['NUL inside text', () => 'before\u0000after'],
    ['lone high surrogate', () => 'x\ud800y'],
    ['lone low surrogate', () => '\udfff'],
    // Wrong types.
    ['null', () => null],
    ['true', () => true],
    ['number 0', () => 0],
    ['text "abc"', () => 'abc'],
    ['empty object', () => ({})],
    ['empty array', () => []],
    ['array of text', () => ['x']],
  ],
  sampled: [
    // Strange but well-formed text.
    ['RTL override and zero-width characters', () => '\u202Egnp.exe\u200B\u200C\u200D\u2060\uFEFF'],
    ['zero-width characters only', () => '\u200B\u200C\u200D'],
    ['100,000 characters', () => 'x'.repeat(100_000)],
    ['ligatures', () => '\uFB01\uFB02\uFB00\uFB03\uFB04 \u01C5 \u1E9E'],
    [
      'emoji sequences',
      () => '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}\u{1F3F3}\uFE0F\u200D\u{1F308}\u{1F1E8}\u{1F1F3}',
    ],
    ['stacked combining marks', () => `Z${'\u0351\u036B\u0313\u036A\u0302'.repeat(40)}ALGO`],
    ['whitespace only', () => ' \t\n '],
    ['empty text', () => ''],
    // Numbers out of every range.
    ['1e308', () => 1e308],
    ['-1e308', () => -1e308],
    ['2^53+1', () => new RawJson('9007199254740993')],
    ['1e400 (Infinity when parsed)', () => new RawJson('1e400')],
    ['-1', () => -1],
    ['0.5', () => 0.5],
    ['1e20', () => 1e20],
    ['"NaN" as text', () => 'NaN'],
    ['"1e20" as text', () => '1e20'],
    ['"Infinity" as text', () => 'Infinity'],
    // Depth.
    [`${DEEP.toLocaleString('en')} nested arrays`, () => new RawJson(nested('[', '', ']', DEEP))],
    [`${DEEP.toLocaleString('en')} nested objects`, () => new RawJson(nested('{"a":', '1', '}', DEEP))],
    // Prototype pollution inside a field.
    ['{"__proto__": {…}}', () => new RawJson('{"__proto__":{"polluted":"field"}}')],
    ['{"constructor": {"prototype": {…}}}', () => new RawJson('{"constructor":{"prototype":{"polluted":"field"}}}')],
  ],
};
export const SAMPLED_PER_FIELD = 8;

/**
 * Query parameter values, already percent-encoded (or not, where the point is that they are not).
 * Paging parameters get every one; the others `SAMPLED_PER_QUERY_PARAMETER` drawn by the PRNG.
 */
export const EVERY_VALUE_FOR = /^(limit|offset|cursor)$/;
export const SAMPLED_PER_QUERY_PARAMETER = 10;
export const BROKEN_QUERY_VALUES: Catalogue<(name: string) => string> = [
  ['NUL', (name) => `${name}=%00`],
  ['lone surrogate as UTF-8 bytes', (name) => `${name}=%ED%A0%80`],
  ['lone surrogate as %u escape', (name) => `${name}=%uD800`],
  ['malformed percent-encoding', (name) => `${name}=%E0%A4%A`],
  ['RTL override and zero-width characters', (name) => `${name}=${encodeURIComponent('\u202Eabc\u200B')}`],
  ['emoji', (name) => `${name}=${encodeURIComponent('\u{1F469}\u200D\u{1F467}')}`],
  ['10,000 characters', (name) => `${name}=${'x'.repeat(10_000)}`],
  ['1e20', (name) => `${name}=1e20`],
  ['99999999999999999999', (name) => `${name}=99999999999999999999`],
  ['9223372036854775807', (name) => `${name}=9223372036854775807`],
  ['-1', (name) => `${name}=-1`],
  ['0', (name) => `${name}=0`],
  ['1.5', (name) => `${name}=1.5`],
  ['abc', (name) => `${name}=abc`],
  ['NaN', (name) => `${name}=NaN`],
  ['empty', (name) => `${name}=`],
  ['repeated', (name) => `${name}=1&${name}=2`],
  ['as array', (name) => `${name}[]=1&${name}[]=2`],
  ['as object', (name) => `${name}[a]=1`],
  ['nested 30 levels', (name) => `${name}${'[a]'.repeat(30)}=1`],
  ['__proto__ key', (name) => `${name}[__proto__][polluted]=query`],
  ['constructor.prototype key', (name) => `${name}[constructor][prototype][polluted]=query`],
];

/** Query strings broken as a whole, for operations with any query parameter. */
export const BROKEN_QUERIES: Catalogue<string> = [
  ['__proto__ parameter', '__proto__[polluted]=query'],
  ['constructor.prototype parameter', 'constructor[prototype][polluted]=query'],
  ['unknown parameter', 'hostile=1'],
  ['1,000 parameters', Array.from({ length: 1000 }, (_, i) => `p${i}=${i}`).join('&')],
];

/** Path segments in place of one path parameter, already encoded as sent. */
export const BROKEN_PATH_SEGMENTS: Catalogue<string> = [
  ['NUL', '%00'],
  ['NUL inside', 'a%00b'],
  ['lone surrogate as UTF-8 bytes', '%ED%A0%80'],
  ['lone surrogate as %u escape', '%uD800'],
  ['malformed percent-encoding', '%E0%A4%A'],
  ['RTL override and zero-width characters', encodeURIComponent('\u202Eabc\u200B')],
  ['emoji', encodeURIComponent('\u{1F469}\u200D\u{1F467}')],
  ['10,000 characters', 'x'.repeat(10_000)],
  ['100,000 characters', 'x'.repeat(100_000)],
  ['encoded slash and dots', '..%2F..%2Fhealth'],
  ['encoded dots', '%2e%2e'],
  ['unknown UUID', '00000000-0000-4000-8000-000000000000'],
  ['upper-case UUID', 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA'],
  ['1e20', '1e20'],
  ['-1', '-1'],
  ['9223372036854775807', '9223372036854775807'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
];

export interface BodyOverride {
  headers?: Record<string, string>;
  body: Buffer;
}

const json = { 'content-type': 'application/json' };
const MB = 1024 * 1024;

/** Bodies broken as a whole; `valid` is the operation's valid body as JSON text. */
export const BROKEN_BODIES: Catalogue<(valid: string) => BodyOverride> = [
  [
    `${DEEP.toLocaleString('en')} nested arrays`,
    () => ({ headers: json, body: Buffer.from(nested('[', '', ']', DEEP)) }),
  ],
  [
    `${DEEP.toLocaleString('en')} nested objects`,
    () => ({ headers: json, body: Buffer.from(nested('{"a":', '1', '}', DEEP)) }),
  ],
  ['array', () => ({ headers: json, body: Buffer.from('[]') })],
  ['null', () => ({ headers: json, body: Buffer.from('null') })],
  ['a JSON text', () => ({ headers: json, body: Buffer.from('"text"') })],
  ['a JSON number', () => ({ headers: json, body: Buffer.from('1e400') })],
  ['malformed JSON', (valid) => ({ headers: json, body: Buffer.from(valid.slice(0, -1)) })],
  [
    'a UTF-8 BOM before the JSON',
    (valid) => ({ headers: json, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]) }),
  ],
  [
    'invalid UTF-8 bytes in a text',
    () => ({
      headers: json,
      body: Buffer.concat([Buffer.from('{"reason":"'), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    }),
  ],
  ['an extra field', (valid) => ({ headers: json, body: Buffer.from(withMember(valid, '"hostileExtra":1')) })],
  [
    '__proto__ member',
    (valid) => ({ headers: json, body: Buffer.from(withMember(valid, '"__proto__":{"polluted":"body"}')) }),
  ],
  [
    'constructor.prototype member',
    (valid) => ({
      headers: json,
      body: Buffer.from(withMember(valid, '"constructor":{"prototype":{"polluted":"body"}}')),
    }),
  ],
  [
    'duplicate members',
    (valid) => ({ headers: json, body: Buffer.from(withMember(valid, valid.slice(1, -1) || '"a":1')) }),
  ],
  ['3 MB', () => ({ headers: json, body: once('3 MB', () => Buffer.from(`{"padding":"${'x'.repeat(3 * MB)}"}`)) })],
  ['content-type text/plain', (valid) => ({ headers: { 'content-type': 'text/plain' }, body: Buffer.from(valid) })],
  [
    'content-type form-urlencoded',
    () => ({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('reason=x&__proto__[polluted]=form'),
    }),
  ],
  [
    'content-type multipart without boundary',
    (valid) => ({ headers: { 'content-type': 'multipart/form-data' }, body: Buffer.from(valid) }),
  ],
  [
    'content-type application/xml',
    () => ({
      headers: { 'content-type': 'application/xml' },
      body: Buffer.from('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
    }),
  ],
  ['no content-type', (valid) => ({ headers: {}, body: Buffer.from(valid) })],
  ['content-type garbage', (valid) => ({ headers: { 'content-type': ';;;/json' }, body: Buffer.from(valid) })],
  [
    'charset=latin1',
    (valid) => ({
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: Buffer.from(valid, 'latin1'),
    }),
  ],
  [
    'charset=utf-7',
    (valid) => ({ headers: { 'content-type': 'application/json; charset=utf-7' }, body: Buffer.from(valid) }),
  ],
  [
    'charset=utf-16le',
    (valid) => ({
      headers: { 'content-type': 'application/json; charset=utf-16le' },
      body: Buffer.from(valid, 'utf16le'),
    }),
  ],
  [
    'charset=x-unknown',
    (valid) => ({ headers: { 'content-type': 'application/json; charset=x-unknown' }, body: Buffer.from(valid) }),
  ],
  [
    'content-encoding gzip that is not gzip',
    (valid) => ({ headers: { ...json, 'content-encoding': 'gzip' }, body: Buffer.from(valid) }),
  ],
  [
    'content-encoding deflate that is not deflate',
    (valid) => ({ headers: { ...json, 'content-encoding': 'deflate' }, body: Buffer.from(valid) }),
  ],
  [
    'truncated gzip',
    (valid) => ({ headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync(valid).subarray(0, 12) }),
  ],
  [
    'gzip bomb (16 MB of spaces)',
    () => ({
      headers: { ...json, 'content-encoding': 'gzip' },
      body: once('bomb', () => gzipSync(Buffer.concat([Buffer.alloc(16 * MB, ' '), Buffer.from('{}')]))),
    }),
  ],
  ['content-encoding br', (valid) => ({ headers: { ...json, 'content-encoding': 'br' }, body: Buffer.from(valid) })],
  [
    'content-encoding x-foo',
    (valid) => ({ headers: { ...json, 'content-encoding': 'x-foo' }, body: Buffer.from(valid) }),
  ],
  [
    'content-encoding gzip, gzip',
    (valid) => ({ headers: { ...json, 'content-encoding': 'gzip, gzip' }, body: gzipSync(valid) }),
  ],
];

/** Headers of commands: bad If-Match and the other request headers commands read. */
export const BROKEN_HEADERS: Catalogue<Record<string, string>> = [
  ['If-Match: abc', { 'if-match': 'abc' }],
  ['If-Match: "-1"', { 'if-match': '"-1"' }],
  ['If-Match: "0"', { 'if-match': '"0"' }],
  ['If-Match: "99999999999999999999"', { 'if-match': '"99999999999999999999"' }],
  ['If-Match: "9007199254740993"', { 'if-match': '"9007199254740993"' }],
  ['If-Match: "1e3"', { 'if-match': '"1e3"' }],
  ['If-Match: W/"x"', { 'if-match': 'W/"x"' }],
  ['If-Match: list of two', { 'if-match': '"1", "2"' }],
  ['If-Match: unbalanced quote', { 'if-match': '"7' }],
  ['If-Match: 8,000 digits', { 'if-match': `"${'9'.repeat(8000)}"` }],
  ['If-Match: latin-1 bytes', { 'if-match': '"\u00ff\u00fe"' }],
  ['Idempotency-Key: 201 characters', { 'idempotency-key': 'k'.repeat(201) }],
  ['Idempotency-Key: latin-1 bytes', { 'idempotency-key': '\u00ff\u00fe\u00e9' }],
  ['X-Correlation-Id: 10,000 characters', { 'x-correlation-id': 'c'.repeat(10_000) }],
];

const built = new Map<string, Buffer>();
/** Large bodies are built once and sent to every operation. */
function once(name: string, build: () => Buffer): Buffer {
  if (!built.has(name)) built.set(name, build());
  return built.get(name) as Buffer;
}

/** `{…valid, member}`: a member added to a JSON object text (or the member alone for `{}`). */
function withMember(valid: string, member: string): string {
  return valid === '{}' ? `{${member}}` : `{${member},${valid.slice(1)}`;
}

/** JSON text of a body whose RawJson values are spliced in as written. */
export function serialise(body: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (!(value instanceof RawJson)) return value;
    raws.push(value.text);
    return `\u0001raw${raws.length - 1}\u0001`;
  });
  return raws.reduce((out, raw, i) => out.replace(JSON.stringify(`\u0001raw${i}\u0001`), () => raw), text);
}
