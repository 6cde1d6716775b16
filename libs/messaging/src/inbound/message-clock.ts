/** Default of KAFKA_MAX_CLOCK_SKEW_SECONDS: how far ahead of the time of receipt a `ce_time` may be. */
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;

export interface ClockRejection {
  readonly code: 'clock_skew';
  readonly reason: string;
}

/**
 * A message is decided at the time it is received; `ce_time` is only recorded. A `ce_time`
 * further ahead of the receipt than the allowed skew means the sender's clock (or the sender) is
 * wrong, and the message is refused. A `ce_time` in the past is accepted however old: Kafka may
 * keep a message for a long time before it is read.
 */
export function clockSkewRejection(
  ceTime: string,
  receivedAt: Date,
  maxSkewSeconds: number,
): ClockRejection | undefined {
  const aheadMs = Date.parse(ceTime) - receivedAt.getTime();
  if (!(aheadMs > maxSkewSeconds * 1000)) return undefined;
  return {
    code: 'clock_skew',
    reason: `ce_time ${ceTime} is ${duration(aheadMs)} ahead of the time of receipt ${receivedAt.toISOString()}; at most ${maxSkewSeconds} s ahead is accepted`,
  };
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${seconds} s`;
  if (seconds < 172_800) return `about ${Math.round(seconds / 3600)} h`;
  return `about ${Math.round(seconds / 86_400)} days`;
}
