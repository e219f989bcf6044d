import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type ConsoleMessage, type Page } from 'playwright-core';
import { REPO_ROOT } from '@leadflow/testing';

/** Debian's Chromium, driven by playwright-core; nothing downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's `chromium` package when it is missing (CI machines start without it). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args: string[]) => {
    const [command, ...rest] = [...asRoot, 'env', 'DEBIAN_FRONTEND=noninteractive', ...args];
    const result = spawnSync(command!, rest, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
    }
  };
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
}

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Saves a screenshot of the page as docs/screenshots/<name>.png, once nothing is loading. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** One headless Chromium with a fresh profile, one page, its console errors collected. */
export async function openConsoleBrowser(): Promise<ConsoleBrowser> {
  ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), 'leadflow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    viewport: { width: 1280, height: 860 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  const screenshots = join(REPO_ROOT, 'docs', 'screenshots');
  mkdirSync(screenshots, { recursive: true });
  return {
    context,
    page,
    errors,
    screenshot: async (name, options = {}) => {
      await page.waitForFunction(`document.querySelector('[aria-busy="true"]') === null`);
      // A full-page capture draws fixed elements (the header) where the viewport is scrolled to.
      if (options.fullPage) await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({
        path: join(screenshots, `${name}.png`),
        fullPage: options.fullPage ?? false,
        animations: 'disabled',
      });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
