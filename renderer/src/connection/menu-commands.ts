import type { MenuCommand } from '../../../agent-core/contract/desktop-bridge.ts';
import { refreshAllResources } from '../state/resource.ts';
import { contextsResource } from '../state/resources.ts';
import { useRoute } from '../state/route-store.ts';
import { clusterScreensAvailable, useSession } from '../state/session-store.ts';
import { useTheme } from '../state/theme-store.ts';
import { desktopBridge } from './desktop-bridge.ts';

type NavScreen = 'overview' | 'workloads' | 'recommendations' | 'readiness' | 'nodes' | 'permissions' | 'audit';

// Keyed by string: 'go-audit' (like 'go-recommendations' and 'go-readiness' before it) works as soon as the desktop menu sends them.
const GO: Partial<Record<MenuCommand | `go-${NavScreen}`, NavScreen>> = {
  'go-overview': 'overview',
  'go-workloads': 'workloads',
  'go-recommendations': 'recommendations',
  'go-readiness': 'readiness',
  'go-nodes': 'nodes',
  'go-permissions': 'permissions',
  'go-audit': 'audit',
};

export function runMenuCommand(command: string): void {
  const { navigate } = useRoute.getState();
  switch (command as MenuCommand) {
    case 'toggle-theme':
      useTheme.getState().toggle();
      return;
    case 'reload-data':
      contextsResource.refresh();
      void useSession.getState().load();
      refreshAllResources();
      return;
    case 'select-context':
      navigate({ screen: 'contexts' });
      return;
    case 'go-settings':
      // Settings need no cluster: the relay is set up (and its approvals listed) from there.
      navigate({ screen: 'settings' });
      return;
    default: {
      const screen = GO[command as keyof typeof GO];
      if (screen && clusterScreensAvailable(useSession.getState().session)) navigate({ screen });
    }
  }
}

/** The desktop app's menu drives the same actions as the header and sidebar. */
export function followMenuCommands(): () => void {
  return desktopBridge()?.onMenuCommand(runMenuCommand) ?? (() => undefined);
}
