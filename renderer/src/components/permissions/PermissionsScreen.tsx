import type { Permissions } from '../../../../agent-core/contract/app-contract.ts';
import { useResource } from '../../state/resource.ts';
import { permissionsResource } from '../../state/resources.ts';
import { Badge, type Tone } from '../common/Badge.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { Panel } from '../common/Panel.tsx';
import { ResourceView } from '../common/ResourceView.tsx';
import { Skeleton } from '../common/Skeleton.tsx';

type Capability = Permissions['capabilities'][number];
type Check = Permissions['checks'][number];

const STATUS_TONE: Record<Capability['status'], Tone> = { available: 'ok', partial: 'warn', denied: 'error', unknown: 'neutral' };

export function PermissionsScreen() {
  const permissions = useResource(permissionsResource, {});
  return (
    <div className="screen">
      <div className="screen__head">
        <h1 className="screen-title">Permissions</h1>
        <span className="muted">What this context's RBAC lets Cluster Insight do, checked with SelfSubjectAccessReview</span>
      </div>
      <ResourceView state={permissions} onRetry={permissionsResource.refresh} loading={<Skeleton lines={6} label="Checking permissions…" />} errorTitle="Could not check the permissions">
        {(data) => (
          <>
            <Panel title="Capabilities">
              {data.capabilities.length === 0 ? <EmptyState title="No capabilities reported" /> : <CapabilitiesTable capabilities={data.capabilities} />}
            </Panel>
            <Panel title={`Access checks (${data.checks.length})`}>
              {data.checks.length === 0 ? <EmptyState title="No checks ran" /> : <ChecksList checks={data.checks} />}
            </Panel>
          </>
        )}
      </ResourceView>
    </div>
  );
}

function CapabilitiesTable({ capabilities }: { capabilities: readonly Capability[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="permissions-table">
        <thead>
          <tr>
            <th scope="col">Capability</th>
            <th scope="col">Status</th>
            <th scope="col">Missing permissions</th>
            <th scope="col">Impact</th>
          </tr>
        </thead>
        <tbody>
          {capabilities.map((capability) => (
            <tr key={capability.name} data-testid="capability" data-name={capability.name} data-status={capability.status}>
              <td className="strong">{capability.name}</td>
              <td>
                <Badge tone={STATUS_TONE[capability.status]}>{capability.status}</Badge>
              </td>
              <td>
                {capability.missing.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="plain-list">
                    {capability.missing.map((m) => (
                      <li key={m} className="mono">
                        {m}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{capability.impact ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function checkName(check: Check): string {
  const resource = check.group ? `${check.resource}.${check.group}` : check.resource;
  return `${check.verb} ${resource}${check.subresource ? `/${check.subresource}` : ''}`;
}

function ChecksList({ checks }: { checks: readonly Check[] }) {
  return (
    <ul className="checks" data-testid="permission-checks">
      {checks.map((check) => {
        const name = checkName(check);
        const state = check.allowed === undefined ? 'unknown' : check.allowed ? 'allowed' : 'denied';
        return (
          <li key={name} className={`checks__item checks__item--${state}`} data-testid="permission-check" data-allowed={state}>
            <span className="checks__mark" aria-hidden="true">
              {state === 'allowed' ? '✓' : state === 'denied' ? '✕' : '?'}
            </span>
            <span className="mono">{name}</span>
            <span className="visually-hidden">{state}</span>
          </li>
        );
      })}
    </ul>
  );
}
