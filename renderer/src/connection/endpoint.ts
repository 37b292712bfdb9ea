import type { ContractEndpoint } from '../../../agent-core/contract/contract-client.ts';
import { TOKEN_PARAM } from '../../../agent-core/contract/app-contract.ts';
import { desktopBridge } from './desktop-bridge.ts';

const TOKEN_STORAGE_KEY = 'cluster-insight.token';

/**
 * Where the core listens. The desktop app asks the preload; web mode reads the token from the URL the CLI
 * printed (`#token=…`) and keeps it in sessionStorage, so reloading the tab still works after the token has
 * been taken out of the address bar.
 */
export async function resolveEndpoint(): Promise<ContractEndpoint | null> {
  const bridge = desktopBridge();
  if (bridge) return bridge.endpoint();
  const token = takeTokenFromHash() ?? readStoredToken();
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { origin: `${scheme}//${location.host}`, token };
}

function takeTokenFromHash(): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#\/?/, ''));
  const token = params.get(TOKEN_PARAM);
  if (!token) return null;
  try {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage can be disabled; the token still works for this page load.
  }
  // The token grants full access to the core: keep it out of the address bar, history and screenshots.
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  return token;
}

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function forgetStoredToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
