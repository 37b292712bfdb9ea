import { useRef, useState, type ChangeEvent } from 'react';
import type { AppError, RelayStatusView } from '../../../../agent-core/contract/app-contract.ts';
import { describeBacklog, describeGap, describeLastAck, pickedFileProblem, RELAY_STATE_LABEL, relayTone } from '../../relay/relay-view.ts';
import { toAppError } from '../../state/app-error.ts';
import { currentClient } from '../../state/connection-store.ts';
import { useResource } from '../../state/resource.ts';
import { relayResource } from '../../state/resources.ts';
import { Badge } from '../common/Badge.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { Panel } from '../common/Panel.tsx';
import { ResourceView } from '../common/ResourceView.tsx';
import { useNow } from '../common/use-now.ts';

/** Settings → Relay: import a connection file, see how the relay is doing, privacy and on/off, forget. */
export function RelaySection() {
  const relay = useResource(relayResource, {});
  return (
    <Panel title="Relay to a gateway" testId="relay-settings">
      <p className="panel__lead muted">
        Sends what this app sees of the cluster (workloads, minute metrics, recommendations, error lines, audit) to a gateway your team runs. Remote requests to apply a recommendation wait
        under Pending approvals: nothing is applied without you.
      </p>
      <ResourceView state={relay} onRetry={relayResource.refresh} errorTitle="Could not read the relay's state">
        {(status) => <RelayBody status={status} />}
      </ResourceView>
    </Panel>
  );
}

type Busy = 'import' | 'settings' | 'forget' | null;

function RelayBody({ status }: { status: RelayStatusView }) {
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [confirmForget, setConfirmForget] = useState(false);

  const run = async (what: Busy, request: () => Promise<RelayStatusView> | undefined) => {
    setBusy(what);
    setError(null);
    try {
      await request();
      relayResource.refresh();
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="relay" data-testid="relay-status" data-state={status.state} data-configured={String(status.configured)}>
      {status.configured ? <RelayFacts status={status} /> : <p data-testid="relay-detail">{status.detail}</p>}
      {error && <ErrorMessage error={error} title="The relay could not do that" />}
      <div className="relay__actions">
        <ImportButton busy={busy === 'import'} configured={status.configured} onText={(text) => run('import', () => currentClient()?.request('relay.import', { connectionFileText: text }))} onProblem={setError} />
        {status.configured && (
          <>
            <label className="relay__toggle">
              <input
                type="checkbox"
                data-testid="relay-enabled"
                checked={status.enabled}
                disabled={busy !== null}
                onChange={(e) => void run('settings', () => currentClient()?.request('relay.settings', { enabled: e.target.checked }))}
              />
              Relay on
            </label>
            <label className="relay__toggle" title="Send HMACs of namespace, workload, container and node names; leave out labels, images and raw objects">
              <input
                type="checkbox"
                data-testid="relay-hash-names"
                checked={status.hashNames}
                disabled={busy !== null}
                onChange={(e) => void run('settings', () => currentClient()?.request('relay.settings', { hashNames: e.target.checked }))}
              />
              Hash names
            </label>
            {confirmForget ? (
              <span className="relay__confirm">
                Remove the gateway's address and the secret from this computer?
                <button type="button" className="button button--small" data-testid="relay-forget-confirm" disabled={busy !== null} onClick={() => void run('forget', () => currentClient()?.request('relay.forget', {})).then(() => setConfirmForget(false))}>
                  Forget
                </button>
                <button type="button" className="button button--small button--ghost" onClick={() => setConfirmForget(false)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="button button--small button--ghost" data-testid="relay-forget" disabled={busy !== null} onClick={() => setConfirmForget(true)}>
                Forget…
              </button>
            )}
          </>
        )}
        {busy !== null && <span className="spinner spinner--small" aria-label="Working" />}
      </div>
      <p className="muted relay__secret-note" data-testid="relay-secret-storage" data-kind={status.secretStorage.kind}>
        {status.secretStorage.note}
      </p>
    </div>
  );
}

function RelayFacts({ status }: { status: RelayStatusView }) {
  const now = useNow(5000);
  return (
    <>
      <div className="relay__state">
        <Badge tone={relayTone(status.state)}>
          <span data-testid="relay-state">{RELAY_STATE_LABEL[status.state]}</span>
        </Badge>
        {status.detail && (
          <span className="muted" data-testid="relay-detail">
            {status.detail}
          </span>
        )}
      </div>
      <dl className="facts facts--grid">
        <div className="facts__item">
          <dt>Gateway</dt>
          <dd className="mono">{status.gatewayUrl}</dd>
        </div>
        <div className="facts__item">
          <dt>Account · cluster id</dt>
          <dd className="mono">
            {status.accountId} · {status.clusterId}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Imported for</dt>
          <dd>{status.cluster}</dd>
        </div>
        <div className="facts__item">
          <dt>Waiting to be sent</dt>
          <dd data-testid="relay-backlog" data-count={status.backlog.count}>
            {describeBacklog(status.backlog, now)}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Last acknowledged</dt>
          <dd data-testid="relay-last-ack">{describeLastAck(status, now)}</dd>
        </div>
        {status.lastError && status.state !== 'connected' && (
          <div className="facts__item">
            <dt>Last error</dt>
            <dd className="wrap-anywhere">{status.lastError}</dd>
          </div>
        )}
      </dl>
      {status.gap && (
        <p className="relay__gap" data-testid="relay-gap">
          {describeGap(status.gap)}
        </p>
      )}
    </>
  );
}

/** The browser reads the picked file; only its text goes to the core, which validates it and keeps the secret. */
function ImportButton({ busy, configured, onText, onProblem }: { busy: boolean; configured: boolean; onText: (text: string) => Promise<void>; onProblem: (error: AppError) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const onPick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const problem = pickedFileProblem(file);
    if (problem) {
      onProblem({ code: 'connection-file-invalid', message: problem });
      return;
    }
    await onText(await file.text());
  };
  return (
    <>
      <input ref={input} type="file" accept=".json,application/json" className="visually-hidden" data-testid="relay-file" tabIndex={-1} aria-hidden="true" onChange={(e) => void onPick(e)} />
      <button type="button" className={`button button--small${configured ? '' : ' button--primary'}`} data-testid="relay-import" disabled={busy} onClick={() => input.current?.click()}>
        {configured ? 'Import another connection file…' : 'Import connection file…'}
      </button>
    </>
  );
}
