import type * as NodeCrypto from 'node:crypto';
import { canonicalContent, canonicalJson, canonicalPayload, chainHash, GENESIS_HASH } from './hash-chain';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"x":2,"y":1}]},"b":1}',
    );
  });

  it('keeps a "__proto__" key that JSON.parse made', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });

  it('sorts index-like keys as text too', () => {
    expect(canonicalJson({ b: { 10: 'x', 9: 'y', a: [{ 2: 1, 1: 2 }] }, a: 1 })).toBe(
      '{"a":1,"b":{"10":"x","9":"y","a":[{"1":2,"2":1}]}}',
    );
  });

  it('follows JSON.stringify for undefined, dates and non-finite numbers', () => {
    expect(canonicalJson({ gone: undefined, when: new Date('2024-01-02T03:04:05.000Z'), list: [undefined, NaN] })).toBe(
      '{"list":[null,null],"when":"2024-01-02T03:04:05.000Z"}',
    );
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ 1: undefined, list: [undefined, () => 1], n: -Infinity })).toBe(
      '{"list":[null,null],"n":null}',
    );
    expect(canonicalJson('text')).toBe('"text"');
  });
});

describe('chainHash', () => {
  const content = {
    streamId: 's-1',
    streamVersion: 1,
    eventId: 'e-1',
    type: 'T',
    schemaVersion: 1,
    data: { a: 1, b: 2 },
    metadata: { actor: 'x' },
  };

  it('is sha256 over the canonical content followed by the previous hash', () => {
    const { createHash } = jest.requireActual<typeof NodeCrypto>('node:crypto');
    const expected = createHash('sha256')
      .update(
        '{"data":{"a":1,"b":2},"eventId":"e-1","metadata":{"actor":"x"},"schemaVersion":1,"streamId":"s-1","streamVersion":1,"type":"T"}',
      )
      .update(GENESIS_HASH)
      .digest('hex');
    expect(chainHash(content, GENESIS_HASH)).toBe(expected);
  });

  it('ignores key order but not content or the previous hash', () => {
    const hash = chainHash(content, GENESIS_HASH);
    expect(chainHash({ ...content, data: { b: 2, a: 1 } }, GENESIS_HASH)).toBe(hash);
    expect(chainHash({ ...content, data: { a: 1, b: 3 } }, GENESIS_HASH)).not.toBe(hash);
    expect(chainHash(content, hash)).not.toBe(hash);
  });
});

describe('canonicalContent', () => {
  it('is the canonical JSON of the whole content', () => {
    const content = {
      streamId: 's"1',
      streamVersion: 17,
      eventId: 'e',
      type: 'T,"type":',
      schemaVersion: 2,
      data: { b: 1, a: 'x' },
      metadata: { z: 1, actor: 'a' },
    };
    expect(canonicalContent(content)).toBe(canonicalJson(content));
    expect(canonicalPayload(content)).toEqual({ dataJson: '{"a":"x","b":1}', metadataJson: '{"actor":"a","z":1}' });
  });

  it('writes undefined data as null, as it is stored', () => {
    const content = {
      streamId: 's',
      streamVersion: 1,
      eventId: 'e',
      type: 'T',
      schemaVersion: 1,
      data: undefined,
      metadata: {},
    };
    expect(canonicalPayload(content).dataJson).toBe('null');
    expect(chainHash(content, GENESIS_HASH)).toBe(chainHash({ ...content, data: null }, GENESIS_HASH));
  });
});

describe('canonicalJson matches JSON.stringify on already sorted values', () => {
  it.each([
    [{ a: [1, -0, 1e21, 1.5e-7, 'x\u2028"\\', true, false, null], b: { c: '\u0000\t\ud800' } }],
    [[]],
    [{}],
    ['plain'],
    [0.1 + 0.2],
  ])('%j', (value) => {
    expect(canonicalJson(value)).toBe(JSON.stringify(value));
  });
});
