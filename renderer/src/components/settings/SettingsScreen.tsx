import { PendingApprovals } from './PendingApprovals.tsx';
import { RelaySection } from './RelaySection.tsx';

/** App settings: the relay to a gateway, and the remote requests it brought that wait for the user. */
export function SettingsScreen() {
  return (
    <div className="screen" data-testid="settings">
      <div className="screen__head">
        <h1 className="screen-title">Settings</h1>
      </div>
      <PendingApprovals />
      <RelaySection />
    </div>
  );
}
