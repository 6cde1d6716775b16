import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { TEST_JWT_SECRET } from '../../support/app';
import { freePort } from './throwaway-postgres';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The API as a process of its own (the same entry point `npm start` runs, through ts-node so
 * the test needs no build), so a test can kill it with SIGKILL mid-request and start it again
 * on the same database.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private output: string[] = [];
  readonly url: string;

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(env: Record<string, string>): Promise<ServiceProcess> {
    return new ServiceProcess(await freePort(), env);
  }

  async start(): Promise<void> {
    this.output = [];
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TS_NODE_TRANSPILE_ONLY: '1',
          PORT: String(this.port),
          JWT_SECRET: TEST_JWT_SECRET,
          LOG_LEVEL: 'warn',
          PROCESSOR_POLL_MS: '50',
          ...this.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer) => this.output.push(chunk.toString()) > 400 && this.output.shift();
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`The service exited with ${child.exitCode} while starting:\n${this.log()}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`The service did not answer /health within 90 s:\n${this.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGKILL: no shutdown hook runs, open transactions and in-flight requests die with it. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  log(): string {
    return this.output.join('').slice(-20_000);
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    this.child = null;
  }
}
