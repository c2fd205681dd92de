// The API reference npm start serves at /docs, opened in a real headless browser: Chromium from PATH, driven by
// playwright-core through its executable path (no browser download). It renders from openapi.json, offline.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { routeContracts } from '../../functions/http/routes/index.js';
import { findChromium } from '../support/chromium.js';

/** Where the screenshot is kept, as a test artifact (reports/ is not committed). */
const ARTIFACTS = path.resolve(import.meta.dirname, '../../reports/artifacts');

// The run's shared npm start: the page only reads.
const api = inject('sharedNpmStart');
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe('the API reference at /docs', () => {
  it('renders each operation with its title, from this server alone, with no console error', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    // No CDN, no font host: any request to another origin is refused and reported.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(api.baseUrl) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });

    const response = await page.goto(`${api.baseUrl}/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    for (const contract of Object.values(routeContracts)) {
      // Each operation's section in the page body opens with its summary as a heading.
      const title = page.getByRole('heading', { name: contract.summary }).first();
      await title.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await title.isVisible(), contract.summary).toBe(true);
    }
    expect(await page.locator('h1').first().textContent()).toContain('Referral programme admin API');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'api-reference.png'), fullPage: false });
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
  }, 90_000);
});
