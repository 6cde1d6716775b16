import { BrokerUnavailableError, isBrokerFault, isMessageFault } from './kafka-errors';

function kafkaError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('x'), { name, ...extra });
}

describe('whose fault a failed publish is', () => {
  it('blames the broker for connection faults, timeouts and exhausted retries', () => {
    expect(isBrokerFault(kafkaError('KafkaJSConnectionError'))).toBe(true);
    expect(isBrokerFault(kafkaError('KafkaJSRequestTimeoutError'))).toBe(true);
    expect(
      isBrokerFault(kafkaError('KafkaJSNumberOfRetriesExceeded', { cause: kafkaError('KafkaJSConnectionError') })),
    ).toBe(true);
    expect(isBrokerFault(new BrokerUnavailableError('down'))).toBe(true);
  });

  it('blames the message when the broker refuses it for what it is, even wrapped', () => {
    const tooLarge = kafkaError('KafkaJSProtocolError', { type: 'MESSAGE_TOO_LARGE', retriable: false });
    expect(isMessageFault(tooLarge)).toBe(true);
    expect(isBrokerFault(kafkaError('KafkaJSNonRetriableError', { cause: tooLarge }))).toBe(false);
  });

  it('does not blame the broker for errors of our own (e.g. mapping)', () => {
    expect(isBrokerFault(new TypeError('cannot read agency'))).toBe(false);
  });
});
