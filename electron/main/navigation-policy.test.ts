import { describe, expect, it } from 'vitest';
import { decideNavigation, externalUrlToOpen, isAppUrl } from './navigation-policy.ts';

const APP = 'http://127.0.0.1:43123';

describe('isAppUrl', () => {
  it("accepts the app's own pages", () => {
    expect(isAppUrl(`${APP}/`, APP)).toBe(true);
    expect(isAppUrl(`${APP}/workloads?range=1h#top`, APP)).toBe(true);
  });

  it('refuses another port, host, scheme, or credentials in the URL', () => {
    expect(isAppUrl('http://127.0.0.1:43124/', APP)).toBe(false);
    expect(isAppUrl('http://localhost:43123/', APP)).toBe(false);
    expect(isAppUrl('https://127.0.0.1:43123/', APP)).toBe(false);
    expect(isAppUrl('ws://127.0.0.1:43123/contract', APP)).toBe(false);
    expect(isAppUrl('http://user:pw@127.0.0.1:43123/', APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:43123.evil.example/', APP)).toBe(false);
  });

  it('refuses everything before the core has an origin, and non-URLs', () => {
    expect(isAppUrl(`${APP}/`, undefined)).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
    expect(isAppUrl(undefined, APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
  });
});

describe('externalUrlToOpen', () => {
  it('opens http and https links, normalised', () => {
    expect(externalUrlToOpen('https://kubernetes.io/docs/concepts/')).toBe('https://kubernetes.io/docs/concepts/');
    expect(externalUrlToOpen('HTTP://Example.COM')).toBe('http://example.com/');
  });

  it('refuses every other scheme: they launch programs or read files', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'smb://host/share', 'vscode://x', 'ms-settings:', 'mailto:a@b.c']) {
      expect(externalUrlToOpen(url), url).toBeUndefined();
    }
  });

  it('refuses credentials, absurd lengths and non-strings', () => {
    expect(externalUrlToOpen('https://user:secret@example.com/')).toBeUndefined();
    expect(externalUrlToOpen(`https://example.com/${'a'.repeat(9000)}`)).toBeUndefined();
    expect(externalUrlToOpen(42)).toBeUndefined();
    expect(externalUrlToOpen({ toString: () => 'https://example.com' })).toBeUndefined();
  });
});

describe('decideNavigation', () => {
  it('lets the app navigate within itself', () => {
    expect(decideNavigation(`${APP}/nodes`, APP)).toEqual({ action: 'allow' });
  });

  it('sends web links to the OS browser instead of the window', () => {
    expect(decideNavigation('https://github.com/', APP)).toEqual({ action: 'open-external', url: 'https://github.com/' });
  });

  it('refuses anything else', () => {
    expect(decideNavigation('file:///home/me/.kube/config', APP)).toEqual({ action: 'deny' });
    expect(decideNavigation('chrome://settings', APP)).toEqual({ action: 'deny' });
  });
});
