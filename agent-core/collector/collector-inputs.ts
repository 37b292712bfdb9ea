import type { ResourceSettings, WorkloadIdentity } from '../store/index.ts';

/** A node the collector should scrape this cycle. */
export interface ScrapeTarget {
  name: string;
  cpuCapacityCores: number | null;
  cpuAllocatableCores: number | null;
  memAllocatableBytes: number | null;
}

/** What the inventory knows of a container at the moment its minute is stored. */
export interface ContainerContext {
  workload: WorkloadIdentity;
  settings: ResourceSettings;
  /** The reason of the container's last termination (OOMKilled, Error, …), when it has one. */
  lastTerminationReason?: string;
}

/** The part of the inventory the collector needs: kept narrow so it can be fed by any source. */
export interface CollectorInventory {
  scrapeTargets(): ScrapeTarget[];
  containerContext(namespace: string, pod: string, container: string): ContainerContext | undefined;
}
