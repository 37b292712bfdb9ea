import { create } from 'zustand';

export type Route =
  | { screen: 'contexts' }
  | { screen: 'overview' }
  | { screen: 'workloads' }
  | { screen: 'workload'; uid: string }
  | { screen: 'nodes' }
  | { screen: 'permissions' };

export type Screen = Route['screen'];

/** "#/workloads/<uid>" and friends: hash routing, so reload and the back button work without a router. */
export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  switch (first) {
    case 'contexts':
    case 'overview':
    case 'nodes':
    case 'permissions':
      return { screen: first };
    case 'workloads':
      return second ? { screen: 'workload', uid: second } : { screen: 'workloads' };
    default:
      return null;
  }
}

export function routeHash(route: Route): string {
  return route.screen === 'workload' ? `#/workloads/${encodeURIComponent(route.uid)}` : `#/${route.screen}`;
}

interface RouteStore {
  route: Route;
  navigate(route: Route): void;
}

export const useRoute = create<RouteStore>((set) => ({
  route: { screen: 'contexts' },
  navigate(route) {
    const hash = routeHash(route);
    if (location.hash !== hash) history.pushState(null, '', hash);
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
