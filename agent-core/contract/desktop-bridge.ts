// What the Electron preload exposes on window.clusterInsight, and nothing more. Web mode has no bridge:
// the page finds the endpoint in its own URL instead.
export interface DesktopBridge {
  /** The core's contract endpoint and this launch's token. */
  endpoint(): Promise<{ origin: string; token: string }>;
  /** Opens an http(s) URL in the OS browser. */
  openExternal(url: string): Promise<void>;
  /** Menu commands (e.g. "toggle-theme", "reload-data"); returns the unsubscribe function. */
  onMenuCommand(listener: (command: string) => void): () => void;
}

export const DESKTOP_BRIDGE_KEY = 'clusterInsight';
export const MENU_COMMANDS = ['toggle-theme', 'reload-data', 'select-context', 'go-overview', 'go-workloads', 'go-recommendations', 'go-readiness', 'go-nodes', 'go-permissions', 'go-audit', 'go-settings'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
