import { create } from 'zustand';

export type Route =
  | { screen: 'contexts' }
  | { screen: 'overview' }
  | { screen: 'workloads' }
  | { screen: 'workload'; uid: string }
  | { screen: 'recommendations'; selected?: RecommendationSelection }
  | { screen: 'readiness' }
  | { screen: 'nodes' }
  | { screen: 'permissions' }
  | { screen: 'audit' }
  | { screen: 'settings' };

/** A recommendation is picked by its workload and container: its id changes with the proposal, minute to minute. */
export interface RecommendationSelection {
  uid: string;
  container: string;
}

export type Screen = Route['screen'];

/** "#/workloads/<uid>" and friends: hash routing, so reload and the back button work without a router. */
export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  switch (first) {
    case 'contexts':
    case 'overview':
    case 'readiness':
    case 'nodes':
    case 'permissions':
    case 'audit':
    case 'settings':
      return { screen: first };
    case 'workloads':
      return second ? { screen: 'workload', uid: second } : { screen: 'workloads' };
    case 'recommendations':
      return second && third ? { screen: 'recommendations', selected: { uid: second, container: third } } : { screen: 'recommendations' };
    default:
      return null;
  }
}

export function routeHash(route: Route): string {
  if (route.screen === 'workload') return `#/workloads/${encodeURIComponent(route.uid)}`;
  if (route.screen === 'recommendations' && route.selected) return `#/recommendations/${encodeURIComponent(route.selected.uid)}/${encodeURIComponent(route.selected.container)}`;
  return `#/${route.screen}`;
}

interface RouteStore {
  route: Route;
  /** `replace` for moves within a screen (picking a row) that the back button should not step through. */
  navigate(route: Route, options?: { replace?: boolean }): void;
}

export const useRoute = create<RouteStore>((set) => ({
  route: { screen: 'contexts' },
  navigate(route, options) {
    const hash = routeHash(route);
    if (location.hash !== hash) {
      if (options?.replace) history.replaceState(null, '', hash);
      else history.pushState(null, '', hash);
    }
    set({ route });
  },
}));

/** Follows the back and forward buttons. */
export function followHistory(): () => void {
  const onPop = () => {
    const route = parseRoute(location.hash);
    if (route) useRoute.setState({ route });
  };
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
