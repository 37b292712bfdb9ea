import { CoreV1Api, KubernetesObjectApi, type KubeConfig } from '@kubernetes/client-node';
import { startControlPlane, type ControlPlane } from '../controlplane/control-plane.ts';
import { startSimulatedControlPlane, type SimulatedControlPlane } from '../apiserver/simulated-control-plane.ts';
import { VirtualClock } from '../clock.ts';
import { startKubeletFleet, type KubeletFleet } from '../kubelet/fleet.ts';
import { ADMIN_CONTEXT, kubeConfigFor, testclusterKubeconfigYaml } from './kubeconfig.ts';
import { ObjectCreator } from './create-objects.ts';
import { waitForWorkloads } from './readiness.ts';
import { seedWorkloads } from './seed-workloads.ts';
import { viewerRbac } from './viewer-rbac.ts';

export interface TestClusterOptions {
  nodes: number;
  seed?: number;
  /** Simulated seconds per real second for usage profiles and sample times. */
  speed?: number;
  /** Create the seeded workload mix (default true). */
  seedWorkloads?: boolean;
  /** Wait until the seeded workloads' pods are up (default true; the demo shows them coming up instead). */
  awaitWorkloads?: boolean;
  log?: (line: string) => void;
  /**
   * 'real' (etcd, kube-apiserver, controller-manager, scheduler processes) or 'simulated' (sim/apiserver, in
   * this process). Default: 'real', unless `useSimulatedApiServerByDefault()` was called in this process.
   */
  apiServer?: 'real' | 'simulated';
}

let defaultApiServer: 'real' | 'simulated' = 'real';

/** Makes 'simulated' the default for this process (the cluster-sim test project's workers call it). */
export function useSimulatedApiServerByDefault(): void {
  defaultApiServer = 'simulated';
}

export interface TestCluster {
  controlPlane: ControlPlane;
  /** Set when the control plane is the simulated one: its faults and store. */
  simulated?: SimulatedControlPlane;
  fleet: KubeletFleet;
  clock: VirtualClock;
  /** Contexts `testcluster` (admin, current) and `testcluster-viewer` (read-only). */
  kubeconfigYaml: string;
  adminKubeConfig: KubeConfig;
  stop(): Promise<void>;
}

/**
 * A real control plane with simulated kubelets: nodes Ready, the viewer's RBAC in place and,
 * unless told otherwise, the seeded workloads Running. stop() leaves no process or temp folder.
 */
export async function startTestCluster(opts: TestClusterOptions): Promise<TestCluster> {
  const log = opts.log ?? (() => {});
  const clock = new VirtualClock({ speed: opts.speed ?? 1 });
  const simulated = (opts.apiServer ?? defaultApiServer) === 'simulated' ? await startSimulatedControlPlane({ log }) : undefined;
  const controlPlane: ControlPlane = simulated ?? (await startControlPlane({ log }));
  let fleet: KubeletFleet | undefined;
  try {
    const kubeconfigYaml = testclusterKubeconfigYaml(controlPlane);
    const adminKubeConfig = kubeConfigFor(kubeconfigYaml, ADMIN_CONTEXT);
    const objects = KubernetesObjectApi.makeApiClient(adminKubeConfig);
    const creator = new ObjectCreator(adminKubeConfig);
    await creator.createAll(viewerRbac(controlPlane.viewer.groups[0]!));

    log(`starting ${opts.nodes} simulated kubelets`);
    fleet = await startKubeletFleet({ kubeConfig: adminKubeConfig, nodeCount: opts.nodes, seed: opts.seed ?? 1, clock, log });
    await waitForNodesReady(adminKubeConfig, fleet.nodeNames, 60_000);
    log(`${fleet.nodeNames.length} nodes Ready`);

    if (opts.seedWorkloads !== false) {
      const seeded = seedWorkloads({
        cronJob: await creator.versionServing('CronJob', ['batch/v1', 'batch/v1beta1']),
        podDisruptionBudget: await creator.versionServing('PodDisruptionBudget', ['policy/v1', 'policy/v1beta1']),
        horizontalPodAutoscaler: await creator.versionServing('HorizontalPodAutoscaler', ['autoscaling/v2', 'autoscaling/v2beta2']),
      });
      await creator.createAll(seeded);
      log(`created ${seeded.length} seed objects; waiting for their pods`);
      const withoutPods = ['Namespace', 'LimitRange', 'CronJob', 'PodDisruptionBudget', 'HorizontalPodAutoscaler'];
      if (opts.awaitWorkloads !== false) {
        await waitForWorkloads(objects, seeded.filter((o) => !withoutPods.includes(o.kind!)), 120_000);
        log('seeded workloads Running');
      }
    }

    const started = fleet;
    return {
      controlPlane,
      simulated,
      fleet: started,
      clock,
      kubeconfigYaml,
      adminKubeConfig,
      async stop() {
        await started.stop();
        await controlPlane.stop();
      },
    };
  } catch (err) {
    await fleet?.stop();
    await controlPlane.stop();
    throw err;
  }
}

async function waitForNodesReady(kc: KubeConfig, names: string[], timeoutMs: number): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  const deadline = Date.now() + timeoutMs;
  let notReady = names;
  while (Date.now() < deadline) {
    const nodes = await core.listNode();
    const ready = new Set(
      nodes.items
        .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
        .filter((n) => !n.spec?.taints?.some((t) => t.key === 'node.kubernetes.io/not-ready'))
        .map((n) => n.metadata!.name!),
    );
    notReady = names.filter((n) => !ready.has(n));
    if (notReady.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`nodes not Ready after ${timeoutMs / 1000}s: ${notReady.slice(0, 10).join(', ')}${notReady.length > 10 ? ', …' : ''}`);
}
