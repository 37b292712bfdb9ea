import type { V1Pod, V1PodList } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from './kube-api.ts';
import { SharedPodWatch, type PodSink } from './pod-watch.ts';

const pod = (name: string, nodeName: string, resourceVersion: string): V1Pod => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion },
  spec: { nodeName, containers: [] },
});

/** An API stub: answers lists from a script and plays watch sessions, each a list of events or an error. */
function fakeApi(lists: V1Pod[][], sessions: Array<Array<WatchEvent<V1Pod>> | Error>) {
  const paths: string[] = [];
  let listed = 0;
  return {
    paths,
    get: async <T>(path: string) => {
      paths.push(path);
      const items = lists[Math.min(listed++, lists.length - 1)]!;
      return { items, metadata: { resourceVersion: String(100 * listed) } } as V1PodList as T;
    },
    watch: async <T>(path: string, onEvent: (e: WatchEvent<T>) => void, signal: AbortSignal) => {
      paths.push(path);
      const session = sessions.shift();
      if (session instanceof Error) throw session;
      for (const event of session ?? []) onEvent(event as WatchEvent<T>);
      if (!session) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    },
  };
}

function recordingSink() {
  const seen: string[] = [];
  const sink: PodSink = {
    podChanged: (p) => seen.push(`changed ${p.metadata!.name}`),
    podGone: (p) => seen.push(`gone ${p.metadata!.name}`),
  };
  return { seen, sink };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('shared pod watch', () => {
  it('lists bound pods, then follows the watch, dispatching by node name', async () => {
    const api = fakeApi([[pod('a', 'n1', '5'), pod('x', 'elsewhere', '6')]], [[
      { type: 'ADDED', object: pod('b', 'n1', '101') },
      { type: 'BOOKMARK', object: pod('', '', '150') },
      { type: 'DELETED', object: pod('a', 'n1', '151') },
    ]]);
    const { seen, sink } = recordingSink();
    const watch = new SharedPodWatch(api, (node) => (node === 'n1' ? sink : undefined), () => {});
    await watch.start();
    await until(() => seen.length >= 3 && api.paths.length >= 3);
    await watch.stop();
    expect(seen).toEqual(['changed a', 'changed b', 'gone a']);
    expect(api.paths[0]).toContain('fieldSelector=spec.nodeName!%3D');
    expect(api.paths[1]).toContain('resourceVersion=100');
    expect(api.paths[2]).toContain('resourceVersion=151');
  });

  it('lists again after 410 Gone and reports the pods that vanished meanwhile', async () => {
    const gone = { type: 'ERROR', object: { code: 410, message: 'too old resource version' } } as unknown as WatchEvent<V1Pod>;
    const api = fakeApi([[pod('a', 'n1', '5'), pod('b', 'n1', '6')], [pod('b', 'n1', '7')]], [[gone]]);
    const { seen, sink } = recordingSink();
    const watch = new SharedPodWatch(api, () => sink, () => {});
    await watch.start();
    await until(() => seen.includes('gone a'));
    await watch.stop();
    expect(seen).toEqual(['changed a', 'changed b', 'changed b', 'gone a']);
  });

  it('reconnects after a dropped connection, resuming from the last resource version', async () => {
    const api = fakeApi([[pod('a', 'n1', '5')]], [new Error('connection lost')]);
    const logs: string[] = [];
    const watch = new SharedPodWatch(api, () => recordingSink().sink, (m) => logs.push(m));
    await watch.start();
    await until(() => api.paths.length >= 3);
    await watch.stop();
    expect(logs[0]).toMatch(/connection lost; retrying/);
    expect(api.paths.filter((p) => p.includes('watch=true'))).toHaveLength(2);
    expect(api.paths[2]).toContain('resourceVersion=100');
  });
});
