import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL cluster of the test's own, on a free loopback port, so a test may stop and
 * restart the server under load without touching the shared one. Built with the server's own
 * `initdb` and `pg_ctl`, run as the `postgres` user (they refuse root). Removed by `destroy()`.
 */
export class ThrowawayPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<ThrowawayPostgres> {
    const bin = serverBin();
    const dir = mkdtempSync(join(tmpdir(), 'spinout-pg-'));
    chmodSync(dir, 0o777);
    const port = await freePort();
    const cluster = new ThrowawayPostgres(bin, dir, port);
    cluster.asPostgres('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    await cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=on -c max_connections=100`;
    this.asPostgres('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      options,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** `fast` ends sessions at once (as a crash of the server would, for the clients). */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    if (!existsSync(join(this.dataDir, 'postmaster.pid'))) return;
    this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  destroy(): void {
    try {
      this.stop('immediate');
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private asPostgres(tool: string, args: string[]): void {
    const result = spawnSync('runuser', ['-u', 'postgres', '--', join(this.bin, tool), ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.status !== 0)
      throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout || result.error}`);
  }
}

/** The `bin` folder of the newest PostgreSQL server on the machine (Debian's layout, or pg_config's). */
function serverBin(): string {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(debian, versions[0], 'bin');
  }
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('No PostgreSQL server binaries (initdb, pg_ctl) found; install the PostgreSQL server package');
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
