import { Upcasters } from './upcasting';

const metadata = { actor: 'user:bob', correlationId: 'c', occurredAt: '2024-01-01T00:00:00.000Z' };

describe('Upcasters', () => {
  const upcasters = new Upcasters([
    { type: 'Named', fromSchemaVersion: 2, upcast: (data: { name: string }) => ({ fullName: data.name }) },
    {
      type: 'Named',
      fromSchemaVersion: 1,
      upcast: (data: { first: string; last: string }) => ({ name: `${data.first} ${data.last}` }),
    },
  ]);

  it('applies the chain from the stored version up to the current one', () => {
    const event = { type: 'Named', schemaVersion: 1, data: { first: 'Ada', last: 'Lovelace' }, metadata, eventId: 'e' };
    expect(upcasters.upcast(event)).toEqual({ ...event, schemaVersion: 3, data: { fullName: 'Ada Lovelace' } });
    expect(event.schemaVersion).toBe(1);
  });

  it('leaves current events and unknown types alone', () => {
    const current = { type: 'Named', schemaVersion: 3, data: { fullName: 'x' }, metadata };
    const other = { type: 'Other', schemaVersion: 1, data: {}, metadata };
    expect(upcasters.upcast(current)).toBe(current);
    expect(upcasters.upcast(other)).toBe(other);
  });

  it('knows the current schema version of each type', () => {
    expect(upcasters.currentSchemaVersion('Named')).toBe(3);
    expect(upcasters.currentSchemaVersion('Other')).toBe(1);
  });

  it('passes the metadata to the upcaster', () => {
    const withActor = new Upcasters([
      { type: 'A', fromSchemaVersion: 1, upcast: (_data, meta) => ({ by: meta.actor }) },
    ]);
    expect(withActor.upcast({ type: 'A', schemaVersion: 1, data: {}, metadata }).data).toEqual({ by: 'user:bob' });
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => upcasters.register({ type: 'Named', fromSchemaVersion: 1, upcast: (d) => d })).toThrow(
      /Two upcasters/,
    );
  });
});
