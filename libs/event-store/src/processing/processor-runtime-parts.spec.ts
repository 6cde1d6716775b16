import { advisoryLockKey } from './pg-advisory-lease';
import { backoffDelay, DEFAULT_RETRY_POLICY, retryPolicy } from './retry-policy';
import { Sleeper } from './sleeper';

describe('backoffDelay', () => {
  it('grows by the factor from the initial delay up to the maximum', () => {
    expect([1, 2, 3, 4, 5].map((failures) => backoffDelay(DEFAULT_RETRY_POLICY, failures))).toEqual([
      50, 200, 800, 1000, 1000,
    ]);
  });

  it('rejects a policy without a single attempt', () => {
    expect(() => retryPolicy({ attempts: 0 })).toThrow(/attempts/);
  });
});

describe('advisoryLockKey', () => {
  it('is a signed 64-bit integer, the same for the same name in every process, different for another name', () => {
    const key = BigInt(advisoryLockKey('contracts'));
    expect(key).toBe(BigInt.asIntN(64, key));
    expect(advisoryLockKey('contracts')).toBe(key.toString());
    expect(advisoryLockKey('contracts')).toBe('6897512306109866624');
    expect(advisoryLockKey('providers')).not.toBe(key.toString());
  });
});

describe('Sleeper', () => {
  it('ends an idle wait on wake, and remembers a wake that came while busy', async () => {
    const sleeper = new Sleeper();
    const started = Date.now();
    const idle = sleeper.sleep(10_000, { wakeable: true });
    sleeper.wake();
    await idle;
    sleeper.wake(); // nobody sleeping: remembered
    await sleeper.sleep(10_000, { wakeable: true });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not end a backoff wait on wake, only on interrupt', async () => {
    const sleeper = new Sleeper();
    let done = false;
    const backoff = sleeper.sleep(10_000, { wakeable: false }).then(() => (done = true));
    sleeper.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    sleeper.interrupt();
    await backoff;
    expect(done).toBe(true);
  });
});
