import type { TestCluster } from '../../sim/testcluster/test-cluster.ts';
import { killAllSupervised } from '../../sim/controlplane/index.ts';
import { startTestCluster } from '../../sim/testcluster/test-cluster.ts';
import { discoverKubeconfigFiles } from '../kube/kubeconfig-files.ts';

/** No --kubeconfig, no $KUBECONFIG file, no ~/.kube/config: a new user without a cluster. */
export function noKubeconfigExists(kubeconfigFlag?: string): boolean {
  return kubeconfigFlag === undefined && discoverKubeconfigFiles().files.length === 0;
}

/**
 * A local cluster for the headless agent of a user without one: the simulated API server with simulated kubelets
 * running 60× fast, so that hours of minute-level data pile up in minutes, all in this process. Resolves undefined
 * when a signal came first (and cleans up).
 */
export async function startLocalCluster(say: (line: string) => void, terminated: Promise<unknown>): Promise<TestCluster | undefined> {
  say('no kubeconfig found: starting a local simulated cluster (the simulated API server with simulated kubelets, in this process)');
  const starting = startTestCluster({ nodes: 3, speed: 60, apiServer: 'simulated', log: say });
  const first = await Promise.race([starting.then(() => 'ready' as const), terminated.then(() => 'signal' as const)]);
  if (first === 'signal') {
    killAllSupervised();
    await starting.then((c) => c.stop(), () => undefined);
    return undefined;
  }
  return starting;
}
