import { create } from 'zustand';
import type { ReadinessFilter, ReadinessSortKey } from '../readiness/filter-readiness.ts';

/** The Readiness view's search, filters and order, kept across visits. */
interface ReadinessViewStore extends ReadinessFilter {
  sort: ReadinessSortKey;
  set(patch: Partial<Omit<ReadinessViewStore, 'set'>>): void;
  clearFilters(): void;
}

export const useReadinessView = create<ReadinessViewStore>((set) => ({
  query: '',
  severity: null,
  category: null,
  namespace: null,
  sort: 'worst',
  set: (patch) => set(patch),
  clearFilters: () => set({ query: '', severity: null, category: null, namespace: null }),
}));
