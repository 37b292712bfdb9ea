// The application menu. Every app-specific item sends a menu command to the renderer (which owns navigation,
// theme and data), so the menu and the page's own buttons do the same thing by construction. Pure: a template
// built from callbacks, tested without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../agent-core/contract/desktop-bridge.ts';

export interface MenuActions {
  /** Sends the command to the focused app window. */
  command(command: MenuCommand): void;
  openDataFolder(): void;
  showAbout(): void;
}

export interface MenuEnvironment {
  platform: NodeJS.Platform;
  /** Developer tools and a hard reload appear only in a development run. */
  isDev: boolean;
  appName: string;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** The views, in the order of the renderer's navigation, with Ctrl/Cmd+1..7 as in most tabbed apps. */
const VIEWS: { label: string; command: MenuCommand }[] = [
  { label: 'Overview', command: 'go-overview' },
  { label: 'Workloads', command: 'go-workloads' },
  { label: 'Recommendations', command: 'go-recommendations' },
  { label: 'Readiness', command: 'go-readiness' },
  { label: 'Nodes', command: 'go-nodes' },
  { label: 'Permissions', command: 'go-permissions' },
  { label: 'Audit', command: 'go-audit' },
];

export function appMenuTemplate(env: MenuEnvironment, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = env.platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.command(command);
  const about: MenuItemConstructorOptions = { label: `About ${env.appName}`, click: () => actions.showAbout() };

  // macOS puts About and Quit in the menu named after the app; elsewhere they sit in Help and File.
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: env.appName,
          submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Change Context…', accelerator: 'CmdOrCtrl+K', click: send('select-context') },
      // CmdOrCtrl+R refetches the data rather than reloading the page: a reload would only lose the UI state.
      { label: 'Reload Data', accelerator: 'CmdOrCtrl+R', click: send('reload-data') },
      // The relay to a gateway and the remote approvals waiting for the user.
      { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: send('go-settings') },
      separator,
      mac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };

  // Without the Edit roles, copy and paste shortcuts do nothing in text fields on macOS.
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Toggle Theme', accelerator: 'CmdOrCtrl+Shift+L', click: send('toggle-theme') },
      separator,
      ...VIEWS.map(({ label, command }, i): MenuItemConstructorOptions => ({ label, accelerator: `CmdOrCtrl+${i + 1}`, click: send(command) })),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(env.isDev ? [separator, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions[] = mac ? [{ role: 'windowMenu' }] : [];

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'Open Data Folder', click: () => actions.openDataFolder() }, ...(mac ? [] : [separator, about])],
  };

  return [...appMenu, file, edit, view, ...windowMenu, help];
}
