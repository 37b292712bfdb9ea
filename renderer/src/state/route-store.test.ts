import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route-store.ts';

describe('hash routes', () => {
  it('round-trips every screen', () => {
    for (const route of [{ screen: 'contexts' }, { screen: 'overview' }, { screen: 'workloads' }, { screen: 'workload', uid: 'a/b c' }, { screen: 'nodes' }, { screen: 'permissions' }] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
  });
  it('ignores what is not a route (such as the token)', () => {
    expect(parseRoute('#token=abc')).toBeNull();
    expect(parseRoute('')).toBeNull();
  });
});
