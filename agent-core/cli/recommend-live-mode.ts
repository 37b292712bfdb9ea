import fs from 'node:fs';
import path from 'node:path';
import { hpaLookup } from '../agent/hpa-scaling.ts';
import { LiveRecommendations, type WorkloadRecommendation } from '../agent/live-recommendations.ts';
import { clusterDataDir } from '../app-server/index.ts';
import { resolveContext } from '../kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../kube/kubeconfig-files.ts';
import { startInventory } from '../inventory/index.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import { STORE_FILE_NAME, openMetricsStore } from '../store/index.ts';
import { kubeConfigFromOptions, type ContextOptions } from './context-options.ts';

/** The app keeps one store per cluster under DATA/clusters/; the headless agent writes DATA itself. */
export function storeDirFor(dataDir: string, context: string, kubeconfig?: string): string {
  const appLayout = clusterDataDir(dataDir, resolveContext(loadKubeconfig({ kubeconfig }), context).cluster);
  if (fs.existsSync(path.join(appLayout, STORE_FILE_NAME))) return appLayout;
  if (fs.existsSync(path.join(dataDir, STORE_FILE_NAME))) return dataDir;
  throw new UserFacingError(
    'no-store',
    `No metrics stored for context "${context}" in ${dataDir} (looked for ${path.join(appLayout, STORE_FILE_NAME)} and ${path.join(dataDir, STORE_FILE_NAME)}). Run \`cluster-insight agent --context ${context} --data-dir ${dataDir}\` or the app on that context first, or pass the --data-dir it used.`,
  );
}

/**
 * The current recommendations for a context: what the agent has stored, recomputed against the cluster's
 * specs as they are now (a changed request is taken into account). Reads the store; never writes it.
 */
export async function liveMode(opts: ContextOptions & { dataDir: string }): Promise<WorkloadRecommendation[]> {
  const { kubeConfig, context, explain } = kubeConfigFromOptions(opts);
  const store = openMetricsStore({ dataDir: storeDirFor(opts.dataDir, context, opts.kubeconfig) });
  try {
    const inventory = await startInventory({ kubeConfig }).catch((err: unknown) => {
      throw explain(err);
    });
    try {
      await inventory.waitUntilSettled(60_000);
      const live = new LiveRecommendations(store, inventory, { hpaLookup: () => hpaLookup(inventory), persist: false });
      live.update();
      return live.current();
    } finally {
      await inventory.stop();
    }
  } finally {
    store.close();
  }
}
