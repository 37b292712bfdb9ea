import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, isPinned, parseImageReference } from './image-reference.ts';

describe('parseImageReference', () => {
  it('finds the tag in the last path segment, never in a registry port', () => {
    expect(parseImageReference('nginx')).toEqual({});
    expect(parseImageReference('nginx:1.25.3')).toEqual({ tag: '1.25.3' });
    expect(parseImageReference('localhost:5000/team/app')).toEqual({});
    expect(parseImageReference('localhost:5000/team/app:2.0')).toEqual({ tag: '2.0' });
    expect(parseImageReference('ghcr.io/example/etl:latest')).toEqual({ tag: 'latest' });
    expect(parseImageReference('nginx@sha256:abc')).toEqual({ digest: 'sha256:abc' });
    expect(parseImageReference('nginx:1.25@sha256:abc')).toEqual({ tag: '1.25', digest: 'sha256:abc' });
  });

  it('pinned: a digest, or a tag other than latest; the API server defaults the pull policy the same way', () => {
    for (const [image, pinned] of [
      ['nginx', false],
      ['nginx:latest', false],
      ['nginx:1.25.3', true],
      ['nginx@sha256:abc', true],
      ['nginx:latest@sha256:abc', true],
      ['localhost:5000/app', false],
    ] as const) {
      expect(isPinned(parseImageReference(image)), image).toBe(pinned);
      expect(defaultPullPolicy(parseImageReference(image)), image).toBe(pinned ? 'IfNotPresent' : 'Always');
    }
  });
});
