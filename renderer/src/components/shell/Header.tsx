import { useConnection } from '../../state/connection-store.ts';
import { refreshAllResources } from '../../state/resource.ts';
import { contextsResource } from '../../state/resources.ts';
import { useRoute } from '../../state/route-store.ts';
import { useSession } from '../../state/session-store.ts';
import { useTheme } from '../../state/theme-store.ts';
import { MoonIcon, ReloadIcon, SunIcon, SwitchIcon } from './icons.tsx';
import { PhaseDot } from '../session/PhaseDot.tsx';

export function Header() {
  const session = useSession((s) => s.session);
  const navigate = useRoute((s) => s.navigate);
  const onPicker = useRoute((s) => s.route.screen === 'contexts');
  const theme = useTheme((s) => s.theme);
  const toggleTheme = useTheme((s) => s.toggle);
  const connected = useConnection((s) => s.phase === 'open');
  const reload = () => {
    contextsResource.refresh();
    void useSession.getState().load();
    refreshAllResources();
  };
  return (
    <header className="header">
      <div className="header__brand">
        <span className="header__logo" aria-hidden="true" />
        Cluster Insight
      </div>
      <div className="header__context">
        {session?.context ? (
          <>
            <PhaseDot phase={session.phase} />
            <span className="header__context-name" data-testid="header-context" title={`Context ${session.context}`}>
              {session.context}
            </span>
            {session.demo && (
              <span className="demo-badge" data-testid="demo-badge" title="A simulated cluster with made-up history: nothing here is a real cluster">
                demo · simulated data
              </span>
            )}
          </>
        ) : (
          <span className="header__context-none">No context selected</span>
        )}
        {!onPicker && (
          <button type="button" className="button button--ghost" data-testid="change-context" onClick={() => navigate({ screen: 'contexts' })}>
            <SwitchIcon /> Change context
          </button>
        )}
      </div>
      <div className="header__actions">
        <button type="button" className="icon-button" title="Reload data" aria-label="Reload data" disabled={!connected} onClick={reload}>
          <ReloadIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          data-testid="theme-toggle"
          title={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
          aria-label={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
          onClick={toggleTheme}
        >
          {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
        </button>
      </div>
    </header>
  );
}
