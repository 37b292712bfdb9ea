import { podUsageHistory } from '../../sim/demo/usage-history.ts';
import type { KubeletFleet } from '../../sim/kubelet/fleet.ts';
import { InventoryCollectorView } from '../collector/inventory-view.ts';
import type { Inventory } from '../inventory/index.ts';
import type { ContainerEvent, ContainerMinuteSample, MetricsStore, NodeMinuteSample } from '../store/index.ts';

const MINUTE_MS = 60_000;

/**
 * A day (by default) of minute samples for every container the simulated kubelets run, replayed from the same
 * usage profiles they use live, written into the agent's store as if it had been collecting all along: the demo
 * opens on charts and recommendations rather than on an empty screen. Node series are the sums of their pods'.
 * Containers the inventory does not know yet are left out (the live cycles pick them up).
 */
export function backfillHistory(store: MetricsStore, inventory: Inventory, fleet: KubeletFleet, toMs: number, hours = 24): { containers: number; minutes: number } {
  const view = new InventoryCollectorView(inventory);
  view.scrapeTargets();
  const end = Math.floor(toMs / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  const from = end - hours * 3_600_000;
  const byMinute = new Map<number, { containers: ContainerMinuteSample[]; nodes: Map<string, NodeMinuteSample> }>();
  const at = (minute: number) => {
    let batch = byMinute.get(minute);
    if (!batch) byMinute.set(minute, (batch = { containers: [], nodes: new Map() }));
    return batch;
  };
  const events: ContainerEvent[] = [];
  let containers = 0;
  for (const node of fleet.nodes) {
    for (const pod of node.pods.values()) {
      if (pod.terminating || pod.completesAt !== undefined) continue;
      const histories = podUsageHistory({
        containers: pod.containers.map((c) => ({ name: c.name, profile: c.profile, resources: c.resources })),
        nodeCpuCores: node.machine.cpuCores,
        restartPolicy: pod.restartPolicy,
        fromMs: from,
        toMs: end,
      });
      for (const history of histories) {
        const context = view.containerContext(pod.namespace, pod.name, history.container);
        if (!context) continue;
        containers++;
        for (const m of history.minutes) {
          const batch = at(m.minute);
          batch.containers.push({
            containerKey: `${pod.namespace}/${pod.name}/${history.container}`,
            workload: context.workload,
            minute: m.minute,
            cpuCores: m.cpuCores,
            memoryWorkingSetBytes: m.workingSetBytes,
            memoryRssBytes: null,
            throttledRatio: m.throttledRatio,
            ...context.settings,
          });
          const sum = batch.nodes.get(node.name) ?? { nodeName: node.name, minute: m.minute, cpuCores: 0, memoryWorkingSetBytes: 0, memoryRssBytes: null };
          sum.cpuCores! += m.cpuCores;
          sum.memoryWorkingSetBytes! += m.workingSetBytes;
          batch.nodes.set(node.name, sum);
        }
        for (const time of history.oomKills) {
          events.push({ time, kind: 'OOMKilled', namespace: pod.namespace, pod: pod.name, container: history.container, detail: 'last terminated: OOMKilled' });
        }
      }
    }
  }
  const minutes = [...byMinute.keys()].sort((a, b) => a - b);
  for (const minute of minutes) {
    const batch = byMinute.get(minute)!;
    store.write({ containers: batch.containers, nodes: [...batch.nodes.values()] });
  }
  if (events.length) store.recordEvents(events);
  return { containers, minutes: minutes.length };
}
