import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route-store.ts';

describe('hash routes', () => {
  it('round-trips every screen', () => {
    for (const route of [{ screen: 'contexts' }, { screen: 'overview' }, { screen: 'workloads' }, { screen: 'workload', uid: 'a/b c' }, { screen: 'recommendations' }, { screen: 'recommendations', selected: { uid: 'u/1', container: 'web app' } }, { screen: 'readiness' }, { screen: 'nodes' }, { screen: 'permissions' }, { screen: 'audit' }, { screen: 'settings' }] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
  });
  it('needs both the workload and the container to select a recommendation', () => {
    expect(parseRoute('#/recommendations/uid-1')).toEqual({ screen: 'recommendations' });
  });
  it('ignores what is not a route (such as the token)', () => {
    expect(parseRoute('#token=abc')).toBeNull();
    expect(parseRoute('')).toBeNull();
  });
});
