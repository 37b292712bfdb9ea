import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../agent-core/contract/desktop-bridge.ts';
import { appMenuTemplate, type MenuEnvironment } from './app-menu.ts';

function build(env: Partial<MenuEnvironment> = {}) {
  const sent: MenuCommand[] = [];
  const calls: string[] = [];
  const template = appMenuTemplate(
    { platform: 'linux', isDev: false, appName: 'Cluster Insight', ...env },
    { command: (c) => sent.push(c), openDataFolder: () => calls.push('data-folder'), showAbout: () => calls.push('about') },
  );
  return { template, sent, calls };
}

/** Every item, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const byLabel = (template: MenuItemConstructorOptions[], label: string) => {
  const found = items(template).find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
};

const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('appMenuTemplate', () => {
  it('sends every menu command the renderer knows, and only those', () => {
    const { template, sent } = build();
    for (const item of items(template)) if (item.click && item.label && !/About|Data Folder/.test(item.label)) click(item);
    expect(new Set(sent)).toEqual(new Set(MENU_COMMANDS));
  });

  it('has the File, View and Help items the renderer and the user expect', () => {
    const { template, sent, calls } = build();
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'help']);
    click(byLabel(template, 'Change Context…'));
    click(byLabel(template, 'Reload Data'));
    click(byLabel(template, 'Toggle Theme'));
    click(byLabel(template, 'Open Data Folder'));
    click(byLabel(template, 'About Cluster Insight'));
    expect(sent).toEqual(['select-context', 'reload-data', 'toggle-theme']);
    expect(calls).toEqual(['data-folder', 'about']);
    expect(items(template).some((i) => i.role === 'quit')).toBe(true);
  });

  it('switches views with Ctrl/Cmd+1..7', () => {
    const { template, sent } = build();
    const views = ['Overview', 'Workloads', 'Recommendations', 'Readiness', 'Nodes', 'Permissions', 'Audit'].map((label) => byLabel(template, label));
    expect(views.map((v) => v.accelerator)).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+3', 'CmdOrCtrl+4', 'CmdOrCtrl+5', 'CmdOrCtrl+6', 'CmdOrCtrl+7']);
    views.forEach(click);
    expect(sent).toEqual(['go-overview', 'go-workloads', 'go-recommendations', 'go-readiness', 'go-nodes', 'go-permissions', 'go-audit']);
  });

  it('uses no accelerator twice', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const accelerators = items(build({ platform, isDev: true }).template).flatMap((i) => (i.accelerator ? [String(i.accelerator)] : []));
      expect(accelerators.length, platform).toBe(new Set(accelerators).size);
    }
  });

  it('offers developer tools only in a development run', () => {
    const roles = (isDev: boolean) => items(build({ isDev }).template).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('forceReload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('follows macOS conventions there: an app menu with About and Quit, and a Window menu', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((m) => m.label ?? m.role)).toEqual(['Cluster Insight', 'File', 'Edit', 'View', 'windowMenu', 'help']);
    const appMenu = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(appMenu[0]!.label).toBe('About Cluster Insight');
    expect(appMenu.at(-1)!.role).toBe('quit');
  });
});
