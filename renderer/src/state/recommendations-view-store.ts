import { create } from 'zustand';
import type { RecommendationFilter, RecommendationSort } from '../recommendations/filter-recommendations.ts';

/** The Recommendations view's search, filters and sort: kept while the user visits a workload and comes back. */
interface RecommendationsViewStore extends RecommendationFilter {
  sort: RecommendationSort;
  set(patch: Partial<Omit<RecommendationsViewStore, 'set'>>): void;
  clearFilters(): void;
}

export const useRecommendationsView = create<RecommendationsViewStore>((set) => ({
  query: '',
  namespace: null,
  kind: null,
  severity: null,
  sort: { key: 'risk', direction: 'descending' },
  set: (patch) => set(patch),
  clearFilters: () => set({ query: '', namespace: null, kind: null, severity: null }),
}));
