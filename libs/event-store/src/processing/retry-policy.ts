/** How often and how patiently a failing batch or event is tried again before it is isolated or parked. */
export interface RetryPolicy {
  /** Tries in all, the first included (≥ 1). */
  attempts: number;
  /** Wait before the second try; each further wait is `factor` times longer, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, initialDelayMs: 50, maxDelayMs: 1000, factor: 4 };

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1)
    throw new Error(`Retry attempts must be a positive integer, got ${policy.attempts}`);
  if (policy.initialDelayMs < 0 || policy.maxDelayMs < 0 || policy.factor < 1)
    throw new Error('Retry delays must be ≥ 0 and the factor ≥ 1');
  return policy;
}

/** The wait after the `failures`-th consecutive failure (1-based): 50, 200, 800, 1000, 1000 … with the defaults. */
export function backoffDelay(policy: RetryPolicy, failures: number): number {
  const exponent = Math.max(0, failures - 1);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** exponent);
}
