import { randomUUID } from 'node:crypto';

/** What became of one command sent under load. */
export interface SentCommand {
  readonly key: string;
  readonly path: string;
  readonly body: object;
  /** `acknowledged`: a 2xx came back; `lost`: the connection died first (outcome unknown); `refused`: any other status. */
  outcome: 'acknowledged' | 'lost' | 'refused';
  status?: number;
  response?: { id?: string; version?: number };
}

/**
 * Concurrent clients sending commands, each with its own Idempotency-Key, as fast as the
 * service answers (a client whose connection fails waits a little, as a real one would). Every
 * command and what became of it is recorded, so a test can check afterwards that nothing
 * acknowledged was lost and that every unknown outcome can be settled by a retry.
 */
export class CommandLoad {
  readonly sent: SentCommand[] = [];
  private running = false;
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly base: () => string,
    private readonly headers: Record<string, string>,
    private readonly next: (sequence: number) => { path: string; body: object },
    private readonly clients = 8,
  ) {}

  start(): void {
    this.running = true;
    let sequence = 0;
    this.loops = Array.from({ length: this.clients }, async () => {
      while (this.running) {
        const command = this.next(sequence++);
        const sent: SentCommand = { key: randomUUID(), ...command, outcome: 'lost' };
        this.sent.push(sent);
        await send(this.base(), this.headers, sent);
        if (sent.outcome === 'lost' || (sent.status ?? 0) >= 500)
          await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
  }

  async stop(): Promise<SentCommand[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.sent;
  }

  acknowledged(): SentCommand[] {
    return this.sent.filter((command) => command.outcome === 'acknowledged');
  }
}

/** Sends (or re-sends, with the same key and body) one command and records its outcome. */
export async function send(base: string, headers: Record<string, string>, command: SentCommand): Promise<SentCommand> {
  try {
    const response = await fetch(`${base}${command.path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': command.key },
      body: JSON.stringify(command.body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    command.status = response.status;
    command.outcome = response.ok ? 'acknowledged' : 'refused';
    if (response.ok) command.response = JSON.parse(text) as SentCommand['response'];
  } catch {
    command.outcome = 'lost';
    command.status = undefined;
  }
  return command;
}
