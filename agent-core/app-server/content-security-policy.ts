// The page's Content-Security-Policy, the same in the desktop app and web mode: code and styles only from the
// app's own origin, the contract WebSocket as the one connection, and no frames, plugins, forms or base rewrites.
export function contentSecurityPolicy(appOrigin: string): string {
  const ws = appOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
