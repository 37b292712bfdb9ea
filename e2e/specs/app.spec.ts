import { expect, snap, test } from '../support/app-fixture.ts';

test.describe.configure({ mode: 'serial' });

test('pick the testcluster context and reach ready', async ({ app }, testInfo) => {
  const picker = app.getByTestId('context-picker');
  await expect(picker).toBeVisible();
  // The kubeconfig's two contexts, and the built-in demo cluster after them.
  await expect(picker.getByTestId('context-option')).toHaveCount(3);
  await expect(picker.getByTestId('context-option').last()).toHaveAttribute('data-context', 'Demo cluster');
  await expect(picker.getByTestId('context-option-demo')).toContainText('simulated');
  await snap(app, testInfo, '01-context-picker');
  await picker.locator('[data-testid="context-option"][data-context="testcluster"]').click();
  await expect(app.getByTestId('session-phase')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await expect(app.getByTestId('probe-result')).toContainText('v1.20');
});

test('the overview counts what the cluster runs', async ({ app }, testInfo) => {
  await app.getByTestId('nav-overview').click();
  const overview = app.getByTestId('overview');
  await expect(overview).toBeVisible();
  await expect(overview).toContainText(/3\s*nodes?/i);
  // Live: the first metrics cycles land without a reload.
  await expect(overview).not.toContainText('no data yet');
  await snap(app, testInfo, '02-overview');
});

test('the workloads table fills and filters', async ({ app }, testInfo) => {
  await app.getByTestId('nav-workloads').click();
  const table = app.getByTestId('workloads-table');
  await expect(table.getByTestId('workload-row').first()).toBeVisible();
  // Every seeded controller kind shows; ReplicaSets owned by Deployments do not get rows of their own.
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'ReplicationController', 'Pod']) {
    await expect(table.locator(`[data-testid="workload-row"][data-kind="${kind}"]`).first()).toBeVisible();
  }
  await expect(table.locator('[data-testid="workload-row"][data-name="api-gateway"]')).toBeVisible();
  await snap(app, testInfo, '03-workloads');
  await app.getByTestId('workloads-search').fill('gateway');
  await expect(table.getByTestId('workload-row')).toHaveCount(1);
  await expect(app.getByTestId('workloads-count')).toContainText('1');
  await snap(app, testInfo, '04-workloads-filtered');
});

test('a workload opens with its spec and charts that hold data points', async ({ app }, testInfo) => {
  const row = app.locator('[data-testid="workload-row"][data-name="api-gateway"]');
  await row.click();
  const detail = app.getByTestId('workload-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('envoyproxy/envoy');
  await expect(detail).not.toContainText('hunter2');
  for (const metric of ['cpu', 'memory', 'throttling']) {
    const chart = detail.locator(`[data-testid="chart"][data-metric="${metric}"][data-container="gateway"]`);
    await expect(chart).toBeVisible();
    await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(2);
  }
  await snap(app, testInfo, '05-workload-detail');
});

test('switching the range redraws the charts for it', async ({ app }, testInfo) => {
  const detail = app.getByTestId('workload-detail');
  const cpu = detail.locator('[data-testid="chart"][data-metric="cpu"][data-container="gateway"]');
  const before = Number(await cpu.getAttribute('data-points'));
  await detail.getByTestId('range-1h').click();
  await expect(detail.getByTestId('range-1h')).toHaveAttribute('aria-pressed', 'true');
  await expect(detail.getByTestId('range-24h')).toHaveAttribute('aria-pressed', 'false');
  // An hour at minute resolution: more points than the day's wider buckets held, and at most 60.
  await expect.poll(async () => Number(await cpu.getAttribute('data-points'))).toBeGreaterThan(Math.min(before, 20));
  expect(Number(await cpu.getAttribute('data-points'))).toBeLessThanOrEqual(61);
  await snap(app, testInfo, '06-workload-detail-1h');
});

test('the nodes page lists the three nodes', async ({ app }, testInfo) => {
  await app.getByTestId('nav-nodes').click();
  await expect(app.getByTestId('nodes-table')).toContainText('sim-node-');
  await snap(app, testInfo, '07-nodes');
});

test("the viewer context's Permissions page shows metrics denied with the impact", async ({ app }, testInfo) => {
  await app.getByRole('button', { name: /change context/i }).click();
  await app.locator('[data-testid="context-option"][data-context="testcluster-viewer"]').click();
  await expect(app.getByTestId('session-phase')).toHaveAttribute('data-phase', /ready|syncing/, { timeout: 60_000 });
  await app.getByTestId('nav-permissions').click();
  const metrics = app.getByTestId('permissions-table').locator('[data-testid="capability"][data-name="metrics"]');
  await expect(metrics).toHaveAttribute('data-status', 'denied');
  await expect(metrics).toContainText(/nodes\/proxy/);
  await expect(metrics).toContainText(/metrics/i);
  await snap(app, testInfo, '08-permissions-viewer');
});
