// The contract's relay and remote-approval requests. The secret goes in (relay.import) and never comes back out.
import type { AppRelay } from './app-relay.ts';

export function relayHandlers(relay: AppRelay) {
  return {
    'relay.get': () => relay.status(),
    'relay.import': ({ connectionFileText }: { connectionFileText: string }) => relay.importConnection(connectionFileText),
    'relay.settings': (change: { hashNames?: boolean; enabled?: boolean }) => relay.changeSettings(change),
    'relay.forget': () => relay.forget(),
    'actions.list': () => ({ rows: relay.pending() }),
    'actions.approve': ({ actionId, previewedRecommendationId }: { actionId: string; previewedRecommendationId?: string }) => relay.approve(actionId, previewedRecommendationId),
    'actions.reject': ({ actionId, reason }: { actionId: string; reason: string }) => relay.reject(actionId, reason),
  };
}
