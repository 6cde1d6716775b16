import { escapeForLog, escapingLogger } from './log-text';

describe('text from a message in a log line', () => {
  it('cannot start a line of its own or hide characters', () => {
    const forged = 'award-1\n[Nest] 1  - 01/01/2026, 00:00:00     LOG [Kafka] all is well\r\u0000\u2028\u202e\ud800';
    expect(escapeForLog(forged)).toBe(
      'award-1\\n[Nest] 1  - 01/01/2026, 00:00:00     LOG [Kafka] all is well\\r\\u0000\\u2028\\u202e\\ud800',
    );
  });

  it("escapes the backslash, so an escape in the log is never the sender's own text", () => {
    expect(escapeForLog('a\\nb')).toBe('a\\\\nb');
  });

  it('keeps ordinary text, Chinese and paired surrogates as they are', () => {
    expect(escapeForLog('食堂服务 award 🍚 ok')).toBe('食堂服务 award 🍚 ok');
  });

  it('cuts very long text and says how much was left out', () => {
    expect(escapeForLog('x'.repeat(50), 10)).toBe(`${'x'.repeat(10)}… (40 more characters)`);
  });

  it('is applied to every line a logger is given', () => {
    const lines: string[] = [];
    const logger = escapingLogger({
      log: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      error: (m) => lines.push(m),
      debug: (m) => lines.push(m),
    });
    logger.warn('bad\nline');
    logger.debug?.('x\u0007');
    expect(lines).toEqual(['bad\\nline', 'x\\u0007']);
  });
});
