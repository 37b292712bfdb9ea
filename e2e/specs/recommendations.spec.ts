import type { Page } from '@playwright/test';
import { expect, snap, test } from '../support/app-fixture.ts';

test.describe.configure({ mode: 'serial' });

interface RowState {
  workload: string;
  container: string;
  severity: string;
  /** Per value (cpuRequest, cpuLimit, memRequest, memLimit): raised, lowered, removed, added or same. */
  changes: Record<string, string>;
}

/** The Recommendations table as the user sees it, read in one go (rows come and go as the agent recomputes). */
function recommendationRows(app: Page): Promise<RowState[]> {
  // Typed by Playwright (this project compiles without the DOM library): attributes only.
  return app.getByTestId('recommendation-row').evaluateAll((rows) =>
    rows.map((row) => ({
      workload: row.getAttribute('data-workload') ?? '',
      container: row.getAttribute('data-container') ?? '',
      severity: row.getAttribute('data-severity') ?? '',
      changes: Object.fromEntries([...row.querySelectorAll('[data-field]')].map((cell) => [cell.getAttribute('data-field') ?? '', cell.getAttribute('data-change') ?? ''])),
    })),
  );
}

const UP = ['raised', 'removed'];

test('back on the testcluster context', async ({ app }) => {
  // app.spec.ts ends on the viewer context; run alone, this spec starts on the picker.
  const picker = app.getByTestId('context-picker');
  if (!(await picker.isVisible())) await app.getByRole('button', { name: /change context/i }).click();
  await picker.locator('[data-testid="context-option"][data-context="testcluster"]').click();
  await expect(app.getByTestId('session-phase')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await expect(app.getByTestId('header-context')).toHaveText('testcluster');
});

test('the Recommendations view right-sizes the simulated workloads', async ({ app }) => {
  // The kubelets run 60× fast and the agent collects every second: a simulated hour takes about a real minute.
  test.setTimeout(200_000);
  await app.getByTestId('nav-recommendations').click();
  await expect(app.getByTestId('recommendations')).toBeVisible();
  await expect
    .poll(
      async () => {
        const rows = await recommendationRows(app);
        const find = (workload: string, container: string) => rows.find((r) => r.workload === workload && r.container === container);
        const gateway = find('api-gateway', 'gateway');
        const web = find('frontend', 'web');
        const cache = find('session-cache', 'cache');
        return {
          // Throttled at its limit: critical, and its CPU limit raised or removed, never lowered.
          gateway: gateway ? `${gateway.severity}, CPU limit ${UP.includes(gateway.changes.cpuLimit ?? '') ? 'up' : gateway.changes.cpuLimit}` : 'missing',
          // Idle and over-provisioned: a lower CPU request.
          web: web ? `CPU request ${web.changes.cpuRequest}` : 'missing',
          // Leaking and OOM-killed: more memory.
          cache: cache ? `memory limit ${UP.includes(cache.changes.memLimit ?? '') ? 'up' : cache.changes.memLimit}` : 'missing',
        };
      },
      { timeout: 150_000, intervals: [2_000] },
    )
    .toEqual({ gateway: 'critical, CPU limit up', web: 'CPU request lowered', cache: 'memory limit up' });
});

test("the gateway's recommendation explains itself with evidence and a chart", async ({ app }, testInfo) => {
  const view = app.getByTestId('recommendations');
  await view.locator('[data-testid="recommendation-row"][data-workload="api-gateway"][data-container="gateway"]').click();
  const detail = app.getByTestId('recommendation-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toHaveAttribute('data-workload', 'api-gateway');
  await expect(detail.getByTestId('recommendation-reason')).toHaveCount(4);
  const evidence = detail.getByTestId('recommendation-evidence');
  await expect(evidence).toBeVisible();
  await expect(evidence.getByTestId('evidence-coverage')).toContainText('pod-minutes');
  // A CPU limit is in force, and the gateway sits at it: throttling has figures, not dashes.
  await expect(evidence.getByTestId('evidence-throttling')).toContainText('%');
  await expect(evidence.getByTestId('evidence-percentiles')).toContainText('p99');
  await expect(detail.locator('[data-testid="signal"][data-signal="throttled"]')).toHaveAttribute('data-on', 'true');
  for (const metric of ['cpu', 'memory']) {
    const chart = detail.locator(`[data-testid="chart"][data-metric="${metric}"][data-container="gateway"]`);
    await expect(chart).toBeVisible();
    await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(2);
    // The proposed values are drawn: a proposed request, and a proposed limit or "none".
    await expect(chart).toHaveAttribute('data-proposed-request', /^\d/);
    await expect(chart).toHaveAttribute('data-proposed-limit', /^(\d|none)/);
    await expect(chart).toContainText('proposed request');
  }

  await app.getByTestId('recommendations-severity').selectOption('critical');
  const rows = view.getByTestId('recommendation-row');
  await expect(rows.first()).toBeVisible();
  await expect.poll(async () => [...new Set(await rows.evaluateAll((list) => list.map((row) => row.getAttribute('data-severity'))))]).toEqual(['critical']);
  await expect(view.locator('[data-testid="recommendation-row"][data-workload="api-gateway"]')).toHaveAttribute('aria-selected', 'true');
  await app.locator('main').evaluate((main) => main.scrollTo(0, 0));
  await snap(app, testInfo, '09-recommendations-critical');
  await detail.getByTestId('recommendation-chart').evaluate((chart) => chart.scrollIntoView({ block: 'end' }));
  await snap(app, testInfo, '10-recommendation-evidence-chart');
});

test('the Readiness view shows the checks that fail', async ({ app }, testInfo) => {
  await app.getByTestId('nav-readiness').click();
  const readiness = app.getByTestId('readiness');
  await expect(readiness).toBeVisible();
  await expect(readiness.locator('[data-testid="readiness-count"][data-severity="danger"]')).toBeVisible();
  const etl = readiness.locator('[data-testid="readiness-row"][data-workload="etl-worker"]');
  const tag = etl.locator('[data-testid="finding"][data-id="tagNotSpecified"]');
  await expect(tag).toBeVisible();
  await expect(tag).toContainText(/tag/i);
  await app.getByTestId('readiness-search').fill('etl-worker');
  await expect(readiness.getByTestId('readiness-row')).toHaveCount(1);
  await snap(app, testInfo, '11-readiness');
  await app.getByTestId('readiness-search').fill('');
  // Filtering by severity keeps only the matching findings.
  await app.getByTestId('readiness-severity').selectOption('danger');
  await expect(tag).toBeVisible();
  await expect(readiness.locator('[data-testid="finding"]:not([data-severity="danger"])')).toHaveCount(0);
  await app.getByTestId('readiness-severity').selectOption('');
});

test('the workloads table badges the workloads that have advice', async ({ app }, testInfo) => {
  await app.getByTestId('nav-workloads').click();
  // app.spec.ts left "gateway" in the search box: clear it.
  await app.getByTestId('workloads-search').fill('');
  const row = app.locator('[data-testid="workload-row"][data-name="api-gateway"]');
  await expect(row).toBeVisible();
  const badge = row.getByTestId('badge-recommendation');
  await expect(badge).toHaveAttribute('data-severity', 'critical');
  await expect(badge).toHaveAttribute('title', 'critical recommendation');
  await expect(row.getByTestId('badge-readiness')).toBeVisible();
  await snap(app, testInfo, '12-workloads-badges');

  // The workload's page lists its recommendation and links back to it.
  await row.click();
  const panel = app.getByTestId('workload-recommendations');
  await expect(panel.locator('[data-testid="workload-recommendation"][data-container="gateway"]')).toHaveAttribute('data-severity', 'critical');
  await expect(app.getByTestId('workload-readiness')).toContainText(/danger|warning/);
  await panel.getByTestId('open-recommendation').first().click();
  await expect(app.getByTestId('recommendation-detail')).toHaveAttribute('data-workload', 'api-gateway');
});
