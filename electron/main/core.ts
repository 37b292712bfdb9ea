// Starts agent-core in this process: the renderer build and the typed contract on 127.0.0.1 behind a per-launch
// token. Loaded lazily (dynamic import) so nothing of the core, better-sqlite3 above all, is required before
// dev-native-modules.ts has set up module lookup and the login shell's PATH has been imported.
import type { AppServer, SecretStore } from '../../agent-core/app-server/index.ts';

export interface CoreSetup {
  dataDir: string;
  rendererDir: string;
  log: (line: string) => void;
  /** The OS keychain (secret-store.ts): where the gateway relay's secret is kept. */
  secretStore: SecretStore;
}

export async function startCore(setup: CoreSetup): Promise<AppServer> {
  const { startAppServer, DEMO_CONTEXT } = await import('../../agent-core/app-server/index.ts');
  const { demoCluster } = await import('../../agent-core/cli/demo-cluster.ts');
  const { noKubeconfigExists } = await import('../../agent-core/cli/local-cluster.ts');
  const kubeconfig = process.env.KUBECONFIG || undefined;
  return startAppServer({
    dataDir: setup.dataDir,
    rendererDir: setup.rendererDir,
    // KUBECONFIG and the last context used come from the environment and the data folder, as in web mode.
    kubeconfig,
    // Without any kubeconfig the app opens on the demo cluster; it is always offered in the picker.
    demo: demoCluster(),
    context: noKubeconfigExists(kubeconfig) ? DEMO_CONTEXT : undefined,
    verbose: process.env.CLUSTER_INSIGHT_VERBOSE === '1',
    // The e2e tests' simulated kubelets run 60× fast: a cycle a second keeps a point per simulated minute.
    intervalMs: Number(process.env.CLUSTER_INSIGHT_INTERVAL_MS) || undefined,
    onLog: setup.log,
    secrets: { store: setup.secretStore, kind: 'keychain' },
  });
}
