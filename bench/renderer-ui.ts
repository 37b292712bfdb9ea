// The renderer's two figures, measured in Chromium with the page's own performance marks: a filter keystroke
// in the 10,000-row workloads table to paint, and a 7-day chart (10,080 points per series) from data arrival
// to paint. Each beside a floor measured in the same page: a bare frame (mark → rAF → task), and JSON.parse
// of the chart payload as it would arrive over the contract socket.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { contentSecurityPolicy } from '../agent-core/app-server/content-security-policy.ts';
import { staticFileHandler } from '../agent-core/app-server/static-files.ts';
import { ensureRendererBuilt } from '../agent-core/cli/renderer-build.ts';
import { chromiumPath } from '../e2e/support/environment.ts';
import { median } from './measure.ts';

export interface RendererUiResult {
  rows: number;
  chartMinutes: number;
  filterMs: number[];
  frameFloorMs: number[];
  chartMs: number[];
  chartParseMs: number[];
  chartPointsDrawn: number;
}

const SEARCHES = ['a', 'ap', 'api', 'ap', 'a', '', 'w', 'we', 'web', 'we', 'w', '', 's', 'sh', 'sho', 'shop', 'sho', 'sh', 's', ''];

async function measureOf(page: Page, name: string, count: number, timeoutMs = 10_000): Promise<number> {
  await page.waitForFunction(([n, c]) => performance.getEntriesByName(n as string, 'measure').length >= (c as number), [name, count] as const, { timeout: timeoutMs });
  return page.evaluate(([n, c]) => performance.getEntriesByName(n as string, 'measure')[(c as number) - 1]!.duration, [name, count] as const);
}

export async function benchRendererUi(opts: { rows: number; minutes: number; chartRepeats: number; log: (line: string) => void }): Promise<RendererUiResult> {
  const rendererDir = ensureRendererBuilt(opts.log);
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium for the renderer bench: install it (`apt-get install chromium`) or set CHROMIUM_PATH.');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Served as the app is, under the same CSP: a violation would show here as a missing chart or table.
  const serve = staticFileHandler(rendererDir, { 'Content-Security-Policy': contentSecurityPolicy(origin) });
  server.on('request', (req, res) => void serve(req, res));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    await page.goto(`${origin}/bench.html?rows=${opts.rows}&minutes=${opts.minutes}&containers=1&width=1200`);
    const search = page.getByTestId('workloads-search');
    await search.waitFor({ timeout: 30_000 });
    await page.getByTestId('workload-row').first().waitFor();

    opts.log(`renderer: ${SEARCHES.length} filter keystrokes over ${opts.rows} rows`);
    const filterMs: number[] = [];
    const frameFloorMs: number[] = [];
    let measures = await page.evaluate(() => performance.getEntriesByName('ci:filter', 'measure').length);
    let previous = '';
    for (const text of SEARCHES) {
      if (text.length > previous.length) await search.press(text.at(-1)!);
      else await search.press('Backspace');
      previous = text;
      filterMs.push(await measureOf(page, 'ci:filter', ++measures));
      frameFloorMs.push(
        await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const start = performance.now();
              (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
            }),
        ),
      );
    }

    opts.log(`renderer: ${opts.chartRepeats} renders of a ${opts.minutes}-minute chart`);
    const chartMs: number[] = [];
    const chartParseMs: number[] = [];
    let chartMeasures = await page.evaluate(() => performance.getEntriesByName('ci:chart', 'measure').length);
    for (let i = 0; i < opts.chartRepeats; i++) {
      await page.evaluate(() => (globalThis as unknown as { ciBench: { renderCharts(): void } }).ciBench.renderCharts());
      chartMs.push(await measureOf(page, 'ci:chart', ++chartMeasures, 30_000));
      // A string, not a function: tsx's helpers (keepNames) do not exist inside the page.
      chartParseMs.push(
        await page.evaluate<number>(`(() => {
          const points = [];
          for (let j = 0; j < ${opts.minutes}; j++) {
            const stat = (v) => ({ min: v, mean: v, max: v, p95: v });
            points.push({ t: j * 60000, cpuCores: stat(j % 7), memoryWorkingSetBytes: stat(j * 1000), throttledRatio: stat(0.1) });
          }
          const text = JSON.stringify({ containers: [{ points }] });
          const start = performance.now();
          JSON.parse(text);
          return performance.now() - start;
        })()`),
      );
    }
    const chartPointsDrawn = Number(await page.locator('[data-testid="chart"][data-metric="cpu"]').first().getAttribute('data-points'));
    if (errors.length) throw new Error(`the bench page reported errors: ${errors.join('; ')}`);
    return { rows: opts.rows, chartMinutes: opts.minutes, filterMs, frameFloorMs, chartMs, chartParseMs, chartPointsDrawn };
  } finally {
    await browser.close();
    server.close();
  }
}

export function p95Of(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}

export { median };
