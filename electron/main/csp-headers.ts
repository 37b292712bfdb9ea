// The page's Content-Security-Policy, added by the main process to every response from the app's origin as a
// second layer behind the core's own header: if the core ever served a page without it (a new route, an error
// page), the window still enforces it. Pure, for the test.

const CSP = 'content-security-policy';

/**
 * `headers` with `policy` added as a Content-Security-Policy. Policies already present are kept: a browser
 * enforces every CSP header it receives, so adding ours can only narrow what the page may do, never widen it.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const existing: string[] = [];
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === CSP) existing.push(...values);
    else result[name] = values;
  }
  result['Content-Security-Policy'] = existing.includes(policy) ? existing : [...existing, policy];
  return result;
}
