import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender-policy.ts';

const APP = 'http://127.0.0.1:43123';

describe('isTrustedSender', () => {
  it("answers the app's page in the top frame", () => {
    expect(isTrustedSender({ url: `${APP}/`, isMainFrame: true }, APP)).toBe(true);
    expect(isTrustedSender({ url: `${APP}/workloads#x`, isMainFrame: true }, APP)).toBe(true);
  });

  it('refuses an embedded frame, even of the app itself', () => {
    expect(isTrustedSender({ url: `${APP}/`, isMainFrame: false }, APP)).toBe(false);
  });

  it('refuses a page of any other origin', () => {
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:9999/', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/index.html', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', isMainFrame: true }, APP)).toBe(false);
  });

  it('refuses a frame that is gone, and everything before the core has an origin', () => {
    expect(isTrustedSender(null, APP)).toBe(false);
    expect(isTrustedSender(undefined, APP)).toBe(false);
    expect(isTrustedSender({ url: `${APP}/`, isMainFrame: true }, undefined)).toBe(false);
  });
});
