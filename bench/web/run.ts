/* eslint-disable no-console */
import { existsSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { signPlatformToken } from '@app/auth';
import { loadConfig } from '@app/config';
import { startApi } from '../lib/api';
import { ROOT, stopProcess } from '../lib/processes';
import { percentile, round } from '../lib/stats';

/**
 * The web client in Chromium, against the real API (its own process; Postgres from DATABASE_URL,
 * Redis from REDIS_URL):
 * - JavaScript shipped for the first page (`/`), gzipped (target ≤ 150 KB), and as transferred;
 * - time to a usable seat map on localhost: navigation start → every seat button drawn (target
 *   < 1 s), cold (empty cache) and warm;
 * - the cost of selecting a seat on a 45-seat map: click → React's commit, and click → the next
 *   frame drawn (target < 16 ms per interaction).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:web
 * BENCH_RUNS (default 10) page loads per figure; CHROMIUM_PATH (default /usr/bin/chromium).
 */

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const SEATS = 45;
const DIST = join(ROOT, 'apps', 'web', 'dist');

interface ShippedScript {
  path: string;
  transferred: number;
  gzipped: number;
}

/** A 45-seat coach (9 rows of 5, seats C1..C45) and a trip on it next week; its id. */
async function createTrip(base: string): Promise<string> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
  const token = await signPlatformToken({
    secret: config.auth.jwtSecret ?? '',
    sub: crypto.randomUUID(),
    roles: ['admin'],
  });
  const post = async (path: string, body: unknown): Promise<{ id: string }> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const bus = await post('/admin/buses', {
    name: 'Bench coach 45',
    plateNumber: `BW${crypto.randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`,
    seats: Array.from({ length: SEATS }, (_, i) => ({
      seatNumber: `C${i + 1}`,
      deck: 1,
      row: Math.floor(i / 5) + 1,
      col: (i % 5) + 1,
      type: i < 10 ? 'limousine' : 'standard',
    })),
  });
  const departure = new Date(Date.now() + 7 * 24 * 3600_000);
  const trip = await post('/admin/trips', {
    busId: bus.id,
    origin: 'Bench Web A',
    destination: 'Bench Web B',
    departureAt: departure.toISOString(),
    arrivalAt: new Date(departure.getTime() + 4 * 3600_000).toISOString(),
    fares: {
      standard: { amount: 300000, currency: 'VND' },
      limousine: { amount: 420000, currency: 'VND' },
    },
  });
  return trip.id;
}

/** Every script the first page loads, until the results are on screen and the network is idle. */
async function firstPageScripts(browser: Browser, base: string): Promise<ShippedScript[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: ShippedScript[] = [];
  page.on('requestfinished', async (request) => {
    if (request.resourceType() !== 'script') return;
    const path = new URL(request.url()).pathname;
    const gz = join(DIST, `${path}.gz`);
    const sizes = await request.sizes();
    scripts.push({
      path,
      transferred: sizes.responseBodySize,
      gzipped: existsSync(gz) ? statSync(gz).size : NaN,
    });
  });
  await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  await page.locator('article').first().waitFor();
  await context.close();
  return scripts;
}

/*
 * What runs in the page is plain JavaScript in strings: this file is compiled for Node (no DOM
 * types in the project's tsconfig).
 */

/** ms from navigation start until every seat of the map is a button on screen. */
async function timeToSeatMap(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate<number>(`new Promise((resolve) => {
    const check = () => {
      if (document.querySelectorAll('button[data-seat]').length >= ${SEATS}) resolve(performance.now());
      else requestAnimationFrame(check);
    };
    check();
  })`);
}

/**
 * Per click on a seat (select, then deselect), in ms: to the DOM committed by React (a
 * MutationObserver sees the seat change), and to style and layout done (forced right after).
 * What is left of the frame is paint, off the main thread's JavaScript.
 */
function selectionCost(page: Page): Promise<{ commit: number[]; layout: number[] }> {
  return page.evaluate<{ commit: number[]; layout: number[] }>(`(async () => {
    const commit = [];
    const layout = [];
    const seats = [...document.querySelectorAll('button[data-status="available"]')];
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    for (const seat of seats) {
      for (let toggle = 0; toggle < 2; toggle++) {
        await nextFrame();
        const committed = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve(performance.now());
          });
          observer.observe(seat, { attributes: true });
        });
        const start = performance.now();
        seat.click();
        commit.push((await committed) - start);
        document.body.getBoundingClientRect(); // style and layout, now
        layout.push(performance.now() - start);
      }
    }
    return { commit, layout };
  })()`);
}

/**
 * Real (trusted) clicks through the browser's input pipeline, as the Event Timing API reports
 * them: the interaction's duration from input to the next paint, rounded to 8 ms by the browser
 * (INP's measure), for interactions of 16 ms or more; none means every one took less.
 */
async function slowInteractions(
  page: Page,
  clicks: number,
  target = 'button[data-status="available"], button[data-status="selected"]',
): Promise<number[]> {
  await page.evaluate(`(() => {
    window.__slow = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.interactionId) window.__slow.push([entry.interactionId, entry.duration]);
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  })()`);
  for (let i = 0; i < clicks; i++) {
    const seat = page.locator(target).nth(i % 5);
    await seat.click();
    await seat.click();
  }
  await page.waitForTimeout(500);
  // one interaction is several events (pointerdown, pointerup, click): its longest counts
  const entries = await page.evaluate<[number, number][]>('window.__slow');
  const byInteraction = new Map<number, number>();
  for (const [id, duration] of entries) {
    byInteraction.set(id, Math.max(duration, byInteraction.get(id) ?? 0));
  }
  return [...byInteraction.values()];
}

const kb = (bytes: number) => `${round(bytes / 1024)} KB`;
const summary = (values: number[]) =>
  `median ${round(percentile(values, 50))} ms, p90 ${round(percentile(values, 90))} ms, max ${round(Math.max(...values))} ms`;

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error('set DATABASE_URL (the benchmark never uses the embedded database)');
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('build the web client first (npm run build)');
  const port = 3920;
  const base = `http://127.0.0.1:${port}`;
  const api = await startApi(port);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const tripId = await createTrip(base);

    const scripts = await firstPageScripts(browser, base);
    const gzipped = scripts.reduce((sum, s) => sum + s.gzipped, 0);
    const transferred = scripts.reduce((sum, s) => sum + s.transferred, 0);
    console.log(`\nJavaScript for the first page (/): ${scripts.length} files`);
    for (const script of scripts) {
      console.log(
        `  ${script.path}: ${kb(script.gzipped)} gzipped, ${kb(script.transferred)} transferred (brotli)`,
      );
    }
    console.log(
      `  total: ${kb(gzipped)} gzipped (target ≤ 150 KB), ${kb(transferred)} transferred`,
    );

    const cold: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      cold.push(await timeToSeatMap(await context.newPage(), `${base}/trips/${tripId}`));
      await context.close();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await timeToSeatMap(page, `${base}/trips/${tripId}`);
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run++)
      warm.push(await timeToSeatMap(page, `${base}/trips/${tripId}`));
    console.log(
      `\nTime to a usable ${SEATS}-seat map (navigation start → all seats drawn), target < 1 s`,
    );
    console.log(`  cold (empty cache): ${summary(cold)}`);
    console.log(`  warm (cached assets): ${summary(warm)}`);

    await page.locator('[data-connection="live"]').waitFor();
    const cost = await selectionCost(page);
    console.log(
      `\nSelecting a seat on the ${SEATS}-seat map (${cost.commit.length} clicks), target < 16 ms`,
    );
    console.log(`  click → DOM committed (React): ${summary(cost.commit)}`);
    console.log(`  click → style and layout done: ${summary(cost.layout)}`);
    const slow = await slowInteractions(page, 20);
    console.log(
      `  40 trusted clicks, input → next paint (Event Timing, 8 ms steps): ` +
        `${slow.length} at 16 ms or more` +
        (slow.length ? ` (${summary(slow)})` : ''),
    );
    // The floor: the same clicks on a bare page whose buttons only count
    await page.setContent(
      '<main>' + '<button onclick="this.textContent++">0</button>'.repeat(5) + '</main>',
    );
    const bare = await slowInteractions(page, 20, 'button');
    console.log(
      `  the same on a bare page of 5 counting buttons (the browser's floor): ` +
        `${bare.length} at 16 ms or more` +
        (bare.length ? ` (${summary(bare)})` : ''),
    );
    await context.close();

    console.log(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ` +
        `${browser.version()}, ${new Date().toISOString()}`,
    );
  } finally {
    await browser.close();
    await stopProcess(api);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
