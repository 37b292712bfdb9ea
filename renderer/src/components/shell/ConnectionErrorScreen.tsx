import { useConnection } from '../../state/connection-store.ts';
import { forgetStoredToken } from '../../connection/endpoint.ts';

/** Full-page screens for when there is nothing to connect with, or the core refused us. */
export function ConnectionErrorScreen() {
  const phase = useConnection((s) => s.phase);
  const endpointError = useConnection((s) => s.endpointError);
  if (phase === 'no-token') {
    return (
      <div className="fullscreen-message" role="alert" data-testid="no-token">
        <h1>This page needs its access token</h1>
        <p>
          Cluster Insight's web mode only answers pages that carry the token of the running core. Open the URL printed by{' '}
          <code>cluster-insight web</code>, which carries the token (it looks like <code>http://127.0.0.1:PORT/#token=…</code>).
        </p>
      </div>
    );
  }
  return (
    <div className="fullscreen-message" role="alert" data-testid="connection-refused">
      <h1>{endpointError ? 'Cannot find the core' : 'The core refused this page'}</h1>
      <p>
        {endpointError ?? (
          <>
            The core is running but did not accept this page's token: a new token is made every time <code>cluster-insight web</code> starts. Open the URL
            it printed most recently, which carries the current token.
          </>
        )}
      </p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          forgetStoredToken();
          location.reload();
        }}
      >
        Forget the token and reload
      </button>
    </div>
  );
}
