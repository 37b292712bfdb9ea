import type { ReactNode } from 'react';
import { useRoute, type Screen } from '../../state/route-store.ts';
import { clusterScreensAvailable, useSession } from '../../state/session-store.ts';
import { useResource } from '../../state/resource.ts';
import { pendingActionsResource } from '../../state/resources.ts';
import { AuditIcon, NodesIcon, OverviewIcon, PermissionsIcon, ReadinessIcon, RecommendationsIcon, SettingsIcon, WorkloadsIcon } from './icons.tsx';

type NavScreen = 'overview' | 'workloads' | 'recommendations' | 'readiness' | 'nodes' | 'permissions' | 'audit';

const ITEMS: { screen: NavScreen; label: string; icon: ReactNode; also?: Screen }[] = [
  { screen: 'overview', label: 'Overview', icon: <OverviewIcon /> },
  { screen: 'workloads', label: 'Workloads', icon: <WorkloadsIcon />, also: 'workload' },
  { screen: 'recommendations', label: 'Recommendations', icon: <RecommendationsIcon /> },
  { screen: 'readiness', label: 'Readiness', icon: <ReadinessIcon /> },
  { screen: 'nodes', label: 'Nodes', icon: <NodesIcon /> },
  { screen: 'permissions', label: 'Permissions', icon: <PermissionsIcon /> },
  { screen: 'audit', label: 'Audit', icon: <AuditIcon /> },
];

export function Sidebar() {
  const route = useRoute((s) => s.route);
  const navigate = useRoute((s) => s.navigate);
  const available = useSession((s) => clusterScreensAvailable(s.session));
  return (
    <nav className="sidebar" aria-label="Sections">
      <ul className="sidebar__list">
        {ITEMS.map((item) => {
          const active = route.screen === item.screen || route.screen === item.also;
          return (
            <li key={item.screen}>
              <button
                type="button"
                className={`sidebar__item${active ? ' sidebar__item--active' : ''}`}
                data-testid={`nav-${item.screen}`}
                aria-current={active ? 'page' : undefined}
                disabled={!available}
                title={available ? undefined : 'Choose a context first'}
                onClick={() => navigate({ screen: item.screen })}
              >
                {item.icon}
                <span>{item.label}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <SettingsItem active={route.screen === 'settings'} onOpen={() => navigate({ screen: 'settings' })} />
    </nav>
  );
}

/** Settings need no cluster; the badge counts remote requests waiting for the user's approval. */
function SettingsItem({ active, onOpen }: { active: boolean; onOpen: () => void }) {
  const pending = useResource(pendingActionsResource, {}).data?.rows.length ?? 0;
  return (
    <ul className="sidebar__list sidebar__list--end">
      <li>
        <button type="button" className={`sidebar__item${active ? ' sidebar__item--active' : ''}`} data-testid="nav-settings" aria-current={active ? 'page' : undefined} onClick={onOpen}>
          <SettingsIcon />
          <span>Settings</span>
          {pending > 0 && (
            <span className="sidebar__badge" data-testid="nav-pending-approvals" title={`${pending} remote ${pending === 1 ? 'request waits' : 'requests wait'} for your approval`}>
              {pending}
            </span>
          )}
        </button>
      </li>
    </ul>
  );
}
