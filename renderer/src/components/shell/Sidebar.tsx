import type { ReactNode } from 'react';
import { useRoute, type Screen } from '../../state/route-store.ts';
import { clusterScreensAvailable, useSession } from '../../state/session-store.ts';
import { AuditIcon, NodesIcon, OverviewIcon, PermissionsIcon, ReadinessIcon, RecommendationsIcon, WorkloadsIcon } from './icons.tsx';

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
    </nav>
  );
}
