import { createHash } from 'node:crypto';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

const TLS_FIELDS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'rejectUnauthorized'] as const;

// Per KubeConfig, per TLS identity: client-node builds a new Agent for every request, and a new Agent is a new
// TLS handshake. A metrics cycle makes two requests per node, so reusing connections saves a handshake each.
const agents = new WeakMap<KubeConfig, Map<string, https.Agent>>();

function identityOf(options: https.AgentOptions): string {
  const hash = createHash('sha256');
  for (const field of TLS_FIELDS) hash.update(`${field}=${String(options[field] ?? '')};`);
  return hash.digest('hex');
}

/**
 * Swaps the one-off Agent applyToHTTPSOptions put in `opts` for a keep-alive Agent with the same TLS material,
 * shared by every request of this KubeConfig that presents it. Rotated client certificates (an exec plugin's)
 * give a new identity and so a new Agent; the old one's idle sockets close on their own.
 */
export function useKeepAliveAgent(kc: KubeConfig, opts: https.RequestOptions): void {
  const oneOff = opts.agent;
  if (!(oneOff instanceof https.Agent)) return;
  const tls = oneOff.options;
  const identity = identityOf(tls);
  let byIdentity = agents.get(kc);
  if (!byIdentity) agents.set(kc, (byIdentity = new Map()));
  let agent = byIdentity.get(identity);
  if (!agent) {
    agent = new https.Agent({ ...tls, keepAlive: true, keepAliveMsecs: 30_000, maxFreeSockets: 64 });
    byIdentity.set(identity, agent);
  }
  opts.agent = agent;
  oneOff.destroy();
}
