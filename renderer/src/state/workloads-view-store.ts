import { create } from 'zustand';
import type { WorkloadFilter, WorkloadSort } from '../workloads/filter-workloads.ts';

/** The workloads table's search, filters, sort and selection: kept while the user visits a workload and comes back. */
interface WorkloadsViewStore extends WorkloadFilter {
  sort: WorkloadSort;
  selectedUid: string | null;
  set(patch: Partial<Omit<WorkloadsViewStore, 'set'>>): void;
}

export const useWorkloadsView = create<WorkloadsViewStore>((set) => ({
  query: '',
  namespace: null,
  kind: null,
  sort: { key: 'namespace', direction: 'ascending' },
  selectedUid: null,
  set: (patch) => set(patch),
}));
