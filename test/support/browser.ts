import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `npm test` installs it when it can). Never a downloaded browser build. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  /** URLs the page tried to load from anywhere but the allowed origin (they were aborted). */
  blocked: string[];
  /** Console errors and uncaught exceptions of every page, for asserting a clean run. */
  pageErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Headless Chromium on a fresh profile. With `origin`, every request elsewhere is aborted and
 * recorded, so a test shows the page works with nothing but the app to talk to.
 */
export async function launchBrowser(
  options: { origin?: string; viewport?: { width: number; height: number } } = {},
): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's package: apt-get install -y --no-install-recommends chromium`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'spinout-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1440, height: 1000 },
  });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const { origin } = options;
  if (origin !== undefined) {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
  }
  context.on('page', (page) => {
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });
  return {
    context,
    blocked,
    pageErrors,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
