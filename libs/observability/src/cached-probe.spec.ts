import { CachedProbe } from './cached-probe';
import { correlationIdFrom } from './correlation';

describe('CachedProbe', () => {
  it('asks once for every caller within its age, and again after it', async () => {
    let now = 0;
    let asked = 0;
    let answer = true;
    const probe = new CachedProbe(
      async () => ((asked += 1), answer),
      1000,
      () => now,
    );
    expect(await Promise.all([probe.up(), probe.up(), probe.up()])).toEqual([true, true, true]);
    expect(asked).toBe(1);
    now = 999;
    answer = false;
    expect(await probe.up()).toBe(true);
    now = 1000;
    expect(await probe.up()).toBe(false);
    expect(asked).toBe(2);
  });

  it('takes a check that throws for down', async () => {
    expect(await new CachedProbe(() => Promise.reject(new Error('gone'))).up()).toBe(false);
  });
});

describe('correlationIdFrom', () => {
  it('keeps a safe id and replaces a missing, empty, long or unsafe one with a UUID', () => {
    expect(correlationIdFrom('4bf92f3577b34da6a3ce929d0e0e4736')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(correlationIdFrom('order:2025-03.x_1')).toBe('order:2025-03.x_1');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'c'.repeat(101), 'a b', 'x\ny', '"quoted"', 'é'])
      expect(correlationIdFrom(bad)).toMatch(uuid);
  });
});
