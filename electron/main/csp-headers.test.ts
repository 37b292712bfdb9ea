import { describe, expect, it } from 'vitest';
import { withContentSecurityPolicy } from './csp-headers.ts';

const POLICY = "default-src 'none'; script-src 'self'";

describe('withContentSecurityPolicy', () => {
  it('adds the policy to a response that has none', () => {
    expect(withContentSecurityPolicy({ 'Content-Type': ['text/html'] }, POLICY)).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [POLICY] });
    expect(withContentSecurityPolicy(undefined, POLICY)).toEqual({ 'Content-Security-Policy': [POLICY] });
  });

  it('does not repeat the policy the core already sent, whatever the header case', () => {
    expect(withContentSecurityPolicy({ 'content-security-policy': [POLICY] }, POLICY)).toEqual({ 'Content-Security-Policy': [POLICY] });
  });

  it('keeps a different policy beside ours: the browser enforces both, so nothing can be widened', () => {
    const stricter = "default-src 'none'";
    expect(withContentSecurityPolicy({ 'CONTENT-SECURITY-POLICY': [stricter] }, POLICY)).toEqual({ 'Content-Security-Policy': [stricter, POLICY] });
  });
});
