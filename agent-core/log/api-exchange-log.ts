import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { observeApiExchanges } from '../kube/api-exchange-observer.ts';

/** Verbose mode: one debug line per Kubernetes API exchange. Returns an unsubscribe function. */
export function logApiExchanges(kc: KubeConfig, logger: Logger): () => void {
  return observeApiExchanges(kc, (exchange) => {
    if (logger.isLevelEnabled('debug')) logger.debug(exchange, 'kube-api');
  });
}
