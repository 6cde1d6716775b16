import { eventIdsFor, SPINOUT_NAMESPACE, uuidFromName } from './deterministic-id';

describe('uuidFromName', () => {
  it('matches the RFC 9562 version-5 example for the DNS namespace', () => {
    expect(uuidFromName('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is stable per name and differs between names and indexes', () => {
    expect(uuidFromName(SPINOUT_NAMESPACE, 'award-1')).toBe(uuidFromName(SPINOUT_NAMESPACE, 'award-1'));
    expect(uuidFromName(SPINOUT_NAMESPACE, 'award-1')).not.toBe(uuidFromName(SPINOUT_NAMESPACE, 'award-2'));
    const ids = eventIdsFor('message-42');
    expect(ids(0)).toBe(eventIdsFor('message-42')(0));
    expect(ids(0)).not.toBe(ids(1));
    expect(ids(0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidFromName('not-a-uuid', 'x')).toThrow('Namespace must be a UUID');
  });
});
