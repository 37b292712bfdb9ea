import { useMemo, useState } from 'react';
import type { ContextSummary } from '../../../../agent-core/contract/app-contract.ts';
import { useResource } from '../../state/resource.ts';
import { contextsResource } from '../../state/resources.ts';
import { useRoute } from '../../state/route-store.ts';
import { clusterScreensAvailable, useSession } from '../../state/session-store.ts';
import { Badge } from '../common/Badge.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { ResourceView } from '../common/ResourceView.tsx';
import { Skeleton } from '../common/Skeleton.tsx';
import { SessionProgress } from './SessionProgress.tsx';

// Below this many contexts a filter box is clutter.
const FILTER_FROM = 8;

export function ContextPicker() {
  const contexts = useResource(contextsResource, {});
  const session = useSession((s) => s.session);
  const requestError = useSession((s) => s.requestError);
  const select = useSession((s) => s.select);
  const navigate = useRoute((s) => s.navigate);
  const active = session && session.phase !== 'idle' ? session : null;
  // Picking the context that is already open goes back to it rather than restarting its session.
  const onSelect = (name: string) => {
    if (name === active?.context && clusterScreensAvailable(active)) navigate({ screen: 'overview' });
    else void select(name);
  };

  return (
    <div className="picker" data-testid="context-picker">
      <div className="picker__list-column">
        <h1 className="screen-title">Choose a cluster context</h1>
        <ResourceView state={contexts} onRetry={contextsResource.refresh} loading={<Skeleton lines={5} className="picker__skeleton" label="Reading the kubeconfig…" />} errorTitle="Could not list the contexts">
          {(list) => (
            <>
              {list.error && <ErrorMessage error={list.error} title="No kubeconfig could be read" onRetry={contextsResource.refresh} />}
              {!list.error && list.contexts.length === 0 && (
                <EmptyState title="No contexts">The kubeconfig has no contexts. Add one with <code>kubectl config set-context</code>.</EmptyState>
              )}
              {list.contexts.length > 0 && (
                <ContextList contexts={list.contexts} lastUsed={list.lastUsed} activeContext={active?.context ?? null} activeFailed={active?.phase === 'error'} onSelect={onSelect} />
              )}
              {list.files.length > 0 && (
                <p className="picker__files muted">
                  From {list.files.length === 1 ? 'kubeconfig' : 'kubeconfigs'} <span className="mono">{list.files.join(', ')}</span>
                </p>
              )}
            </>
          )}
        </ResourceView>
      </div>
      <div className="picker__session-column">
        {requestError && <ErrorMessage error={requestError} title="The core did not accept the request" />}
        {active ? (
          <SessionProgress session={active} onRetry={() => active.context && void select(active.context)} onOpen={() => navigate({ screen: 'overview' })} />
        ) : (
          <EmptyState title="No context open">Pick a context to probe its API server, then sync its workloads and start collecting metrics.</EmptyState>
        )}
      </div>
    </div>
  );
}

interface ListProps {
  contexts: ContextSummary[];
  lastUsed: string | null;
  activeContext: string | null;
  activeFailed: boolean;
  onSelect: (name: string) => void;
}

function ContextList({ contexts, lastUsed, activeContext, activeFailed, onSelect }: ListProps) {
  const [query, setQuery] = useState('');
  const preselected = activeContext ?? lastUsed ?? contexts.find((c) => c.current)?.name ?? null;
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return contexts;
    return contexts.filter((c) => [c.name, c.cluster, c.user, c.server ?? '', c.namespace ?? ''].some((field) => field.toLowerCase().includes(q)));
  }, [contexts, query]);
  return (
    <>
      {contexts.length >= FILTER_FROM && (
        <input className="input picker__filter" type="search" placeholder="Filter contexts" aria-label="Filter contexts" value={query} onChange={(e) => setQuery(e.target.value)} />
      )}
      <ul className="context-list" aria-label="Contexts">
        {shown.map((context) => {
          const isPreselected = context.name === preselected;
          return (
            <li key={context.name}>
              <button
                type="button"
                className={`context-option${isPreselected ? ' context-option--preselected' : ''}${context.name === activeContext ? ' context-option--active' : ''}`}
                data-testid="context-option"
                data-context={context.name}
                aria-pressed={context.name === activeContext}
                // The last used context is where Enter should go on launch.
                autoFocus={isPreselected}
                onClick={() => onSelect(context.name)}
              >
                <span className="context-option__head">
                  <span className="context-option__name">{context.name}</span>
                  {context.current && <Badge tone="info" title="The kubeconfig's current-context">current</Badge>}
                  {context.name === lastUsed && <Badge title="The context Cluster Insight used last">last used</Badge>}
                  {context.name === activeContext && (activeFailed ? <Badge tone="error">failed</Badge> : <Badge tone="ok">open</Badge>)}
                </span>
                {context.demo ? (
                  <span className="context-option__facts" data-testid="context-option-demo">
                    <span>
                      <Badge tone="info">demo</Badge> A simulated cluster started on this machine, with a day of made-up history: try every screen without a cluster of your own.
                    </span>
                  </span>
                ) : (
                  <span className="context-option__facts">
                    <span>
                      <span className="muted">cluster</span> {context.cluster}
                    </span>
                    <span>
                      <span className="muted">server</span> <span className="mono">{context.server ?? '—'}</span>
                    </span>
                    <span>
                      <span className="muted">user</span> {context.user}
                    </span>
                    <span>
                      <span className="muted">namespace</span> {context.namespace ?? 'default'}
                    </span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      {shown.length === 0 && <EmptyState title="No context matches">Nothing matches “{query}”.</EmptyState>}
    </>
  );
}
