import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STATE_FILE, chromiumPath, type E2eState } from './support/environment.ts';
import { startCli, stop, waitFor, type Started } from './support/processes.ts';

/**
 * One real cluster for the run (the v1.20.2 control plane with simulated kubelets at 60× speed) and the app in
 * web mode on it, both started through the CLI exactly as the README tells a user to.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!chromiumPath()) {
    const message = 'No Chromium found for the e2e tests: install it (`apt-get install chromium`) or set CHROMIUM_PATH.';
    if (process.env.CI) throw new Error(message);
    console.warn(message);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-e2e-'));
  const kubeconfig = path.join(work, 'kubeconfig.yaml');
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  let cluster: Started | undefined;
  let web: Started | undefined;
  const teardown = async () => {
    await stop(web);
    await stop(cluster);
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    cluster = startCli(['testcluster', '--nodes', '3', '--speed', '60', '--kubeconfig-out', kubeconfig], path.join(path.dirname(STATE_FILE), 'e2e-testcluster.log'));
    await waitFor('the test cluster', () => (fs.existsSync(kubeconfig) ? true : undefined), cluster, 300_000);
    web = startCli(['web', '--kubeconfig', kubeconfig, '--port', '0', '--interval', '1s', '--data-dir', dataDir], path.join(path.dirname(STATE_FILE), 'e2e-web.log'));
    const started = web;
    const webUrl = await waitFor('cluster-insight web', () => /^(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(started.output())?.[1], web, 180_000);
    const state: E2eState = { kubeconfig, webUrl, dataDir };
    fs.writeFileSync(STATE_FILE, JSON.stringify(state));
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
