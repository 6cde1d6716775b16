import 'reflect-metadata';
import { loggerForFailedStart } from '@spinout/observability';
import { createApp, logStarted } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  logStarted(config, (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost'));
}

main().catch((error: unknown) => {
  loggerForFailedStart().error(
    error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error)),
    undefined,
    'Spinout',
  );
  process.exit(1);
});
