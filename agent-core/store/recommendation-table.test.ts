import { describe, expect, it } from 'vitest';
import { openMetricsStore } from './metrics-store.ts';
import { useTempDirs } from './testing/temp-dir.ts';

const tempDir = useTempDirs();

describe('stored recommendations', () => {
  it('survive reopening the file, and a new set replaces the old one whole', () => {
    const dataDir = tempDir();
    const first = openMetricsStore({ dataDir });
    first.replaceRecommendations([
      { id: 'a', workloadUid: 'w1', container: 'shop/Deployment/api/gateway', computedAt: 1000, body: { proposed: { cpuRequest: 0.3 } } },
      { id: 'b', workloadUid: 'w2', container: 'shop/Deployment/web/web', computedAt: 1000, body: { proposed: { cpuRequest: 0.1 } } },
    ]);
    first.close();

    const reopened = openMetricsStore({ dataDir });
    expect(reopened.recommendations().map((r) => [r.id, r.body])).toEqual([
      ['a', { proposed: { cpuRequest: 0.3 } }],
      ['b', { proposed: { cpuRequest: 0.1 } }],
    ]);
    reopened.replaceRecommendations([{ id: 'c', workloadUid: 'w1', container: 'shop/Deployment/api/gateway', computedAt: 2000, body: {} }]);
    expect(reopened.recommendations().map((r) => r.id)).toEqual(['c']);
    reopened.close();
  });
});
