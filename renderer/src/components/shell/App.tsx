import { useEffect } from 'react';
import { useConnection } from '../../state/connection-store.ts';
import { useRoute, type Route } from '../../state/route-store.ts';
import { clusterScreensAvailable, useSession } from '../../state/session-store.ts';
import { WorkloadDetailScreen } from '../detail/WorkloadDetailScreen.tsx';
import { ApplyDialog } from '../apply/ApplyDialog.tsx';
import { AuditScreen } from '../audit/AuditScreen.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { NodesScreen } from '../nodes/NodesScreen.tsx';
import { OverviewScreen } from '../overview/OverviewScreen.tsx';
import { PermissionsScreen } from '../permissions/PermissionsScreen.tsx';
import { ReadinessScreen } from '../readiness/ReadinessScreen.tsx';
import { RecommendationsScreen } from '../recommendations/RecommendationsScreen.tsx';
import { ContextPicker } from '../session/ContextPicker.tsx';
import { Skeleton } from '../common/Skeleton.tsx';
import { WorkloadsScreen } from '../workloads/WorkloadsScreen.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { ConnectionErrorScreen } from './ConnectionErrorScreen.tsx';
import { Header } from './Header.tsx';
import { Sidebar } from './Sidebar.tsx';

export function App() {
  const phase = useConnection((s) => s.phase);
  if (phase === 'no-token' || phase === 'refused' || phase === 'closed') return <ConnectionErrorScreen />;
  return (
    <div className="app">
      <Header />
      <ConnectionBanner />
      <div className="app__body">
        <Sidebar />
        <main className="app__main" id="main">
          <CurrentScreen />
        </main>
      </div>
      <ApplyDialog />
    </div>
  );
}

function CurrentScreen() {
  const route = useRoute((s) => s.route);
  const navigate = useRoute((s) => s.navigate);
  const session = useSession((s) => s.session);
  const known = session !== null;
  const available = clusterScreensAvailable(session);
  const needsCluster = route.screen !== 'contexts' && route.screen !== 'settings';

  // A cluster screen with no open context (e.g. a reload after the core restarted) falls back to the picker.
  useEffect(() => {
    if (known && needsCluster && !available) navigate({ screen: 'contexts' });
  }, [known, needsCluster, available, navigate]);

  if (needsCluster && !known) return <Skeleton lines={6} label="Asking the core for its session…" />;
  if (needsCluster && !available) return null;
  return <ScreenFor route={route} />;
}

function ScreenFor({ route }: { route: Route }) {
  switch (route.screen) {
    case 'contexts':
      return <ContextPicker />;
    case 'overview':
      return <OverviewScreen />;
    case 'workloads':
      return <WorkloadsScreen />;
    case 'workload':
      return <WorkloadDetailScreen key={route.uid} uid={route.uid} />;
    case 'recommendations':
      return <RecommendationsScreen selected={route.selected ?? null} />;
    case 'readiness':
      return <ReadinessScreen />;
    case 'nodes':
      return <NodesScreen />;
    case 'permissions':
      return <PermissionsScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
