import { execFileSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import { expect, snap, test } from '../support/app-fixture.ts';
import { readState } from '../support/environment.ts';

// Runs last ("zz-"): it changes the cluster, and the other specs expect it as seeded.
test.describe.configure({ mode: 'serial' });

const NAMESPACE = 'data';
const WORKLOAD = 'etl-worker';
const CONTAINER = 'worker';

function kubectl(...args: string[]): string {
  return execFileSync('kubectl', ['--kubeconfig', readState().kubeconfig, '--context', 'testcluster', ...args], { encoding: 'utf8' });
}

interface Resources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

interface PodTemplateOwner {
  metadata: { name: string; creationTimestamp: string; annotations?: Record<string, string> };
  spec: { template: { spec: { containers: { name: string; resources?: Resources }[] } } };
}

function containerResources(owner: PodTemplateOwner): Resources {
  return owner.spec.template.spec.containers.find((c) => c.name === CONTAINER)?.resources ?? {};
}

function deployment(): PodTemplateOwner {
  return JSON.parse(kubectl('get', 'deployment', '-n', NAMESPACE, WORKLOAD, '-o', 'json')) as PodTemplateOwner;
}

function replicaSets(): PodTemplateOwner[] {
  return (JSON.parse(kubectl('get', 'rs', '-n', NAMESPACE, '-l', `app=${WORKLOAD}`, '-o', 'json')) as { items: PodTemplateOwner[] }).items;
}

/** A Kubernetes quantity as a number (cores or bytes): "250m", "1", "512Mi", "1G", "134217728". */
function quantity(text: string | undefined): number | null {
  if (text === undefined) return null;
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(text.trim());
  if (!match) throw new Error(`not a quantity: ${text}`);
  const factor: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  const f = factor[match[2]!];
  if (f === undefined) throw new Error(`unknown suffix in ${text}`);
  return Number(match[1]) * f;
}

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= Math.max(Math.abs(b) * 0.01, 1e-3);
}

async function onContext(app: Page, context: string): Promise<void> {
  const header = app.getByTestId('header-context');
  if ((await header.isVisible()) && (await header.textContent())?.trim() === context) return;
  const picker = app.getByTestId('context-picker');
  if (!(await picker.isVisible())) await app.getByRole('button', { name: /change context/i }).click();
  await picker.locator(`[data-testid="context-option"][data-context="${context}"]`).click();
  await expect(app.getByTestId('session-phase')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await expect(header).toHaveText(context);
}

/** What the dialog proposes, per value: a number (cores or bytes) or "none". */
async function proposedValues(dialog: Locator): Promise<Record<string, string>> {
  const rows = dialog.getByTestId('apply-values').locator('tbody tr');
  return Object.fromEntries(await rows.evaluateAll((trs) => trs.map((r) => [r.getAttribute('data-field') ?? '', r.getAttribute('data-proposed') ?? '']))) as Record<string, string>;
}

async function clearRecommendationFilters(app: Page): Promise<void> {
  // recommendations.spec.ts leaves the severity filter on "critical".
  await app.getByTestId('recommendations-search').fill('');
  for (const filter of ['recommendations-namespace', 'recommendations-kind', 'recommendations-severity']) await app.getByTestId(filter).selectOption('');
}

test('on the testcluster context', async ({ app }) => {
  await onContext(app, 'testcluster');
});

test('preview, apply and audit a recommendation: the dry-run diff, a new ReplicaSet, both audit lines', async ({ app }, testInfo) => {
  test.setTimeout(300_000);
  const before = containerResources(deployment());

  await app.getByTestId('nav-recommendations').click();
  const view = app.getByTestId('recommendations');
  await expect(view).toBeVisible();
  const row = view.locator(`[data-testid="recommendation-row"][data-workload="${WORKLOAD}"][data-container="${CONTAINER}"]`);
  // Run alone, the agent needs a simulated hour or so of data (about a real minute) before it proposes.
  await expect
    .poll(
      async () => {
        if (await app.getByTestId('recommendations-search').isVisible()) await clearRecommendationFilters(app);
        return row.count();
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
  await row.click();
  const detail = app.getByTestId('recommendation-detail');
  await expect(detail).toHaveAttribute('data-workload', WORKLOAD);

  await detail.getByRole('button', { name: 'Preview & apply' }).click();
  const dialog = app.getByTestId('apply-preview');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('role', 'dialog');
  const diff = dialog.getByTestId('apply-diff');
  await expect(diff).toBeVisible({ timeout: 60_000 });
  await expect(diff.locator('.diff-line--add').first()).toBeVisible();
  expect(await diff.locator('.diff-line--add').count()).toBeGreaterThan(0);
  await expect(dialog.getByTestId('apply-consequence')).toBeVisible();
  await expect(dialog.getByTestId('apply-access')).toHaveAttribute('data-allowed', 'true');
  let proposed = await proposedValues(dialog);
  expect(proposed.cpuRequest, 'the recommendation sets a CPU request').toMatch(/^\d/);
  await snap(app, testInfo, '13-apply-preview');

  const confirm = dialog.getByTestId('apply-confirm');
  await expect(confirm).toHaveText('Apply to cluster');
  await expect(confirm).toBeEnabled();

  // Someone changes the Deployment between the preview and the apply: the apply is refused, nothing changes, and a
  // fresh preview is offered.
  kubectl('label', 'deployment', '-n', NAMESPACE, WORKLOAD, `e2e-touched=${Date.now()}`, '--overwrite');
  await confirm.click();
  const result = dialog.getByTestId('apply-result');
  await expect(result).toHaveAttribute('data-outcome', 'refused', { timeout: 60_000 });
  await expect(result).toContainText('The object changed since the preview');
  expect(containerResources(deployment()), 'a refused apply changes nothing').toEqual(before);
  await snap(app, testInfo, '14a-apply-refused');
  await dialog.getByTestId('apply-preview-again').click();
  await expect(dialog.getByTestId('apply-diff').locator('.diff-line--add').first()).toBeVisible({ timeout: 60_000 });
  // New minutes may have moved the proposal meanwhile (the dialog then says so): what is applied is what is shown now.
  proposed = await proposedValues(dialog);

  await dialog.getByTestId('apply-confirm').click();
  // The rollout's progress, pushed by the core as it goes (it watches the new pods a while after completion).
  await expect(dialog.getByTestId('apply-progress-step')).toContainText(/updated/, { timeout: 60_000 });
  await expect(result).toBeVisible({ timeout: 180_000 });
  await expect(result).toHaveAttribute('data-outcome', 'ok');
  await expect(dialog.getByTestId('apply-undo')).toBeVisible();
  await snap(app, testInfo, '14-apply-result');

  // The cluster has the proposed values, and the Deployment rolled out a new ReplicaSet with them.
  const after = containerResources(deployment());
  const value = (field: string) => (proposed[field] === 'none' ? null : Number(proposed[field]));
  expect(after.requests?.cpu, 'requests.cpu is set').toBeDefined();
  expect(after.requests?.cpu).not.toBe(before.requests?.cpu);
  expect(close(quantity(after.requests?.cpu), value('cpuRequest')), `requests.cpu ${after.requests?.cpu} ≈ ${proposed.cpuRequest}`).toBe(true);
  expect(close(quantity(after.requests?.memory), value('memRequest')), `requests.memory ${after.requests?.memory} ≈ ${proposed.memRequest}`).toBe(true);
  expect(close(quantity(after.limits?.cpu), value('cpuLimit')), `limits.cpu ${after.limits?.cpu} ≈ ${proposed.cpuLimit}`).toBe(true);
  expect(close(quantity(after.limits?.memory), value('memLimit')), `limits.memory ${after.limits?.memory} ≈ ${proposed.memLimit}`).toBe(true);
  const sets = replicaSets();
  expect(sets.length).toBeGreaterThan(1);
  const revision = (rs: PodTemplateOwner) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const newest = [...sets].sort((a, b) => revision(b) - revision(a) || b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp))[0]!;
  expect(containerResources(newest).requests?.cpu).toBe(after.requests?.cpu);

  // Undo: the same preview and confirmation, putting back what the apply replaced.
  await dialog.getByTestId('apply-undo').click();
  await expect(dialog).toHaveAttribute('data-undo', 'true');
  await expect(dialog.getByRole('heading', { name: /^Undo: put back/ })).toBeVisible();
  await expect(dialog.getByTestId('apply-diff').locator('.diff-line--remove').first()).toBeVisible({ timeout: 60_000 });
  await snap(app, testInfo, '15-undo-preview');
  await dialog.getByTestId('apply-confirm').click();
  await expect(dialog.getByTestId('apply-result')).toHaveAttribute('data-outcome', 'ok', { timeout: 180_000 });
  const undone = containerResources(deployment());
  expect(undone.requests?.cpu, 'undo puts back the previous CPU request').toBe(before.requests?.cpu);
  expect(undone.requests?.memory, 'undo puts back the previous memory request').toBe(before.requests?.memory);

  await dialog.getByTestId('apply-close').click();
  await expect(dialog).toBeHidden();

  await app.getByTestId('nav-audit').click();
  const audit = app.getByTestId('audit');
  await expect(audit).toBeVisible();
  const mine = (dryRun: boolean) => audit.locator(`[data-testid="audit-row"][data-service="${WORKLOAD}"][data-dry-run="${dryRun}"][data-outcome="ok"]`);
  await expect(mine(true).first()).toBeVisible();
  await expect(mine(false).first()).toBeVisible();
  await expect(mine(false).first()).toContainText(CONTAINER);
  await expect(audit.locator(`[data-testid="audit-row"][data-service="${WORKLOAD}"][data-dry-run="false"][data-outcome="refused"]`).first()).toContainText(/changed since the preview/);
  // The newest apply is the undo: it is marked, and there is nothing left to undo for this recommendation.
  await expect(audit.locator(`[data-testid="audit-row"][data-service="${WORKLOAD}"][data-dry-run="false"]`).first()).toHaveAttribute('data-undo', 'true');
  await expect(audit.locator(`[data-testid="audit-row"][data-service="${WORKLOAD}"] [data-testid="audit-undo"]`)).toHaveCount(0);
  await snap(app, testInfo, '16-audit');
  // The filters keep only what they name.
  await app.getByTestId('audit-action').selectOption('apply');
  await expect(audit.locator('[data-testid="audit-row"][data-dry-run="true"]')).toHaveCount(0);
  await expect(mine(false).first()).toBeVisible();
  await app.getByTestId('audit-action').selectOption('');
});

test('with the viewer context, Apply is disabled and says why', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  await onContext(app, 'testcluster-viewer');
  await app.getByTestId('nav-recommendations').click();
  const view = app.getByTestId('recommendations');
  await expect(view).toBeVisible();
  // The viewer reads no metrics itself, but sees what was collected for this cluster (the store is per cluster).
  const rows = view.getByTestId('recommendation-row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  await clearRecommendationFilters(app);
  await rows.first().click();
  await app.getByTestId('recommendation-detail').getByRole('button', { name: 'Preview & apply' }).click();
  const dialog = app.getByTestId('apply-preview');
  await expect(dialog.getByTestId('apply-confirm')).toBeDisabled({ timeout: 60_000 });
  await expect(dialog.getByTestId('apply-denied-reason')).toContainText(/patch/);
  await snap(app, testInfo, '17-viewer-apply-denied');
  await dialog.getByTestId('apply-cancel').click();
  await expect(dialog).toBeHidden();
});
