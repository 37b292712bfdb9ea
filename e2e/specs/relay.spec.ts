import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { enrol } from '../../agent-core/gateway/enrolment.ts';
import { startGateway, type Gateway } from '../../agent-core/gateway/gateway-server.ts';
import { expect, snap, test } from '../support/app-fixture.ts';

// Settings → Relay in web mode: a gateway started here, its connection file imported through the page's file
// input, the relay connected, a remote request waiting for approval and declined, then the configuration forgotten.
test.describe.configure({ mode: 'serial' });

let gateway: Gateway | undefined;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-e2e-relay-'));

test.afterAll(async () => {
  await gateway?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function onTestcluster(app: Page): Promise<void> {
  const header = app.getByTestId('header-context');
  if ((await header.isVisible()) && (await header.textContent())?.trim() === 'testcluster') return;
  const picker = app.getByTestId('context-picker');
  if (!(await picker.isVisible())) await app.getByRole('button', { name: /change context/i }).click();
  await picker.locator('[data-testid="context-option"][data-context="testcluster"]').click();
  await expect(app.getByTestId('session-phase')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
}

test('import a connection file in Settings → Relay: connected, a remote request waits for approval', async ({ app }, testInfo) => {
  // The desktop app keeps the secret in the OS keychain, which a headless test machine does not have.
  test.skip(testInfo.project.name === 'electron', 'the relay secret needs an OS keychain; covered in web mode');
  test.setTimeout(180_000);
  gateway = await startGateway({ port: 0, dataDir: work });
  const connection = enrol(gateway.store, { accountId: 'acme', name: 'e2e', gatewayUrl: gateway.url });
  const file = path.join(work, 'connection.json');
  fs.writeFileSync(file, JSON.stringify(connection, null, 2), { mode: 0o600 });
  const wrong = path.join(work, 'wrong.json');
  fs.writeFileSync(wrong, JSON.stringify({ ...connection, gatewayUrl: 'https://example.com' }));

  await onTestcluster(app);
  await app.getByTestId('nav-settings').click();
  const relay = app.getByTestId('relay-status');
  await expect(relay).toHaveAttribute('data-configured', 'false');
  await expect(app.getByTestId('relay-secret-storage')).toContainText('readable only by you');

  // A wrong file is refused with what is wrong and the fix.
  await app.getByTestId('relay-file').setInputFiles(wrong);
  await expect(app.getByRole('alert')).toContainText('gatewayUrl must start with ws://');

  await app.getByTestId('relay-file').setInputFiles(file);
  await expect(app.getByTestId('relay-state')).toHaveText('Connected', { timeout: 60_000 });
  await expect(relay).toHaveAttribute('data-configured', 'true');
  await expect(relay).toContainText(connection.clusterId);
  await expect(relay).not.toContainText(connection.secret);
  await expect(app.getByTestId('relay-last-ack')).not.toHaveText('nothing acknowledged yet', { timeout: 30_000 });
  await snap(app, testInfo, 'relay-connected');

  // The gateway holds the recommendations the app relayed: it asks to apply one of them.
  type Relayed = { id: string; containerName: string; workload: { kind: string; name: string } };
  const latestRelayed = (): Relayed | undefined => {
    const body = gateway!.store.packets({ clusterId: connection.clusterId, kind: 'recommendations' }).at(-1)?.body as { recommendations?: Relayed[] } | undefined;
    // A Deployment's (a bare pod cannot be patched), not zz-apply.spec.ts's: the preview below adds a dry run to the audit.
    return body?.recommendations?.find((r) => r.workload.kind === 'Deployment' && r.workload.name !== 'etl-worker');
  };
  await expect.poll(latestRelayed, { timeout: 60_000 }).toBeDefined();
  const relayed = latestRelayed()!;
  const asked = gateway.requestAction(connection.clusterId, relayed.id, 'alice');
  const unknown = gateway.requestAction(connection.clusterId, 'rec-the-app-does-not-have', 'bob');

  // Shown with what would change, badged in the nav; nothing runs until someone decides.
  const row = app.locator(`[data-testid="pending-approval"][data-action-id="${asked.actionId}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('by alice');
  await expect(row).toContainText(relayed.workload.name);
  await expect(row.getByTestId('pending-approval-values')).toBeVisible();
  await expect(app.getByTestId('nav-pending-approvals')).toHaveText('2');
  await snap(app, testInfo, 'relay-pending-approval');

  // Approve… shows the server's dry run of the change first; cancelled, nothing more happens.
  await row.getByTestId('pending-approve').click();
  await expect(row.getByTestId('pending-approval-preview')).toBeVisible();
  await expect(row.getByTestId('pending-approval-diff')).toContainText('+');
  await snap(app, testInfo, 'relay-approval-preview');
  await row.getByTestId('pending-approve-cancel').click();

  // Declined with a reason: nothing is run, the gateway is told.
  await row.getByTestId('pending-reject').click();
  await row.getByTestId('pending-reject-reason').fill('not during the sale');
  await row.getByTestId('pending-reject-confirm').click();
  await expect(app.getByTestId('approval-result').first()).toHaveAttribute('data-outcome', 'rejected');
  await expect(app.getByTestId('nav-pending-approvals')).toHaveText('1');

  // Approved, a request for a recommendation this app does not have is refused at the dry run: nothing changes.
  const other = app.locator(`[data-testid="pending-approval"][data-action-id="${unknown.actionId}"]`);
  await other.getByTestId('pending-approve').click();
  await other.getByTestId('pending-approve-confirm').click();
  await expect(app.getByTestId('approval-result').first()).toHaveAttribute('data-outcome', 'refused');
  await expect(app.getByTestId('approval-result').first()).toContainText('no current recommendation');
  await expect(app.getByTestId('nav-pending-approvals')).toHaveCount(0);
  await snap(app, testInfo, 'relay-decided');
  const outcomes = () => Object.fromEntries(gateway!.store.actions(connection.clusterId).map((a) => [a.actionId, (a.result as { outcome?: string } | null)?.outcome]));
  await expect.poll(outcomes, { timeout: 30_000 }).toEqual({ [asked.actionId]: 'rejected', [unknown.actionId]: 'refused' });
});

test('forget removes the relay configuration', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'the relay secret needs an OS keychain; covered in web mode');
  await app.getByTestId('nav-settings').click();
  await app.getByTestId('relay-forget').click();
  await app.getByTestId('relay-forget-confirm').click();
  await expect(app.getByTestId('relay-status')).toHaveAttribute('data-configured', 'false', { timeout: 60_000 });
  await snap(app, testInfo, 'relay-forgotten');
});
