import AxeBuilder from '@axe-core/playwright';
import { accessSync, constants } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import type { Requirement } from '../../../../test/utils/requirements';

/**
 * Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. Playwright's own browser
 * download is not used: these machines cannot fetch it.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM: Requirement = {
  needs: `Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`,
  met: () => {
    try {
      accessSync(CHROMIUM_PATH, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page in English (en-GB), its console errors and failed page scripts collected. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

/** Uncaught errors and console errors of a page (the API's expected 4xx answers aside). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} (${message.location().url})`;
    // The browser logs every 4xx/5xx fetch; the app handles those it expects.
    if (
      /Failed to load resource: the server responded with a status of (40[0-9]|409|422)/.test(text)
    )
      return;
    errors.push(`console: ${text}`);
  });
  return errors;
}

/**
 * axe-core on the page once its transitions have ended (a dialog fading in, a button turning
 * enabled: colours measured mid-way are not the page's): no serious or critical violation.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForFunction(
    "document.getAnimations().every((animation) => animation.playState !== 'running')",
  );
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${what}: ${violation.id} (${violation.impact}) ${violation.help}\n` +
        violation.nodes
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
          .join('\n'),
    );
  expect(blocking).toEqual([]);
}

/** Whether the page scrolls sideways (its content wider than the viewport). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth + 1',
  );
}
