// The policy the page runs under in the window: agent-core's, which the core sends and the main process
// enforces again (csp-headers.ts). Pinned here from the shell's side, because the window's safety rests on it.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../agent-core/app-server/content-security-policy.ts';

const APP = 'http://127.0.0.1:43123';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe("the page's Content-Security-Policy", () => {
  const policy = contentSecurityPolicy(APP);
  const d = directives(policy);

  it('allows nothing by default', () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
  });

  it('runs no inline or eval-ed code and no styles but its own', () => {
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('unsafe-hashes');
    expect(policy).not.toContain('wasm-unsafe-eval');
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
  });

  it('connects only to the app itself and its contract WebSocket', () => {
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:43123']);
  });

  it('loads no plugins, frames nothing, is framed by nothing, and cannot rebase or post forms', () => {
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    // No frame-src or child-src: default-src 'none' covers them.
    expect(d.has('frame-src')).toBe(false);
    expect(d.has('child-src')).toBe(false);
  });

  it('names no other host anywhere', () => {
    const hosts = policy.match(/[a-z]+:\/\/[^\s;]+/g) ?? [];
    expect(new Set(hosts)).toEqual(new Set(['ws://127.0.0.1:43123']));
    expect(policy).not.toMatch(/(^|\s)\*(\s|;|$)/);
    expect(policy).not.toMatch(/\s(https?|wss?):(\s|;|$)/);
  });
});
