// Where the window may go. The page is the app served by the core on 127.0.0.1; anything else it links to is
// the web, which belongs in the user's browser, never inside a window that holds the contract token.
// Pure: no Electron at runtime, so the rules are unit-tested as they are.

/** The largest URL handed to the OS browser; anything longer is not a link a person clicked. */
const MAX_EXTERNAL_URL_LENGTH = 8192;

function parse(url: unknown): URL | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True when `url` is a page of the app itself (same scheme, host and port as the core's origin). */
export function isAppUrl(url: unknown, appOrigin: string | undefined): boolean {
  if (!appOrigin) return false;
  const parsed = parse(url);
  // Credentials in the URL are never ours; refusing them keeps "same origin" meaning "the same page source".
  return parsed !== undefined && parsed.origin === appOrigin && parsed.username === '' && parsed.password === '';
}

/**
 * The URL to give the OS browser, normalised, or undefined when it must not be opened: only http(s), without
 * credentials. file:, javascript:, custom schemes (which launch other programs) and the like are refused.
 */
export function externalUrlToOpen(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return undefined;
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.href;
}

export type NavigationDecision = { action: 'allow' } | { action: 'deny' } | { action: 'open-external'; url: string };

/**
 * What to do when a frame wants to navigate to `url` (a link without target, a location change): the app's own
 * pages load in place, web links open in the browser instead, everything else is refused.
 */
export function decideNavigation(url: string, appOrigin: string | undefined): NavigationDecision {
  if (isAppUrl(url, appOrigin)) return { action: 'allow' };
  const external = externalUrlToOpen(url);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}
