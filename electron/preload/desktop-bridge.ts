// window.clusterInsight, built over the three IPC channels and nothing else. The page never gets ipcRenderer,
// an IpcRendererEvent (whose `sender` is ipcRenderer itself) or a way to name a channel: only these functions.
// Pure apart from the IPC object passed in, so the test drives it with a stand-in.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { MENU_COMMANDS, type DesktopBridge, type MenuCommand } from '../../agent-core/contract/desktop-bridge.ts';
import { IPC } from '../shared/ipc-channels.ts';

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

const isMenuCommand = (value: unknown): value is MenuCommand => typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);

export function createDesktopBridge(ipc: BridgeIpc): DesktopBridge {
  return {
    endpoint: () => ipc.invoke(IPC.endpoint) as Promise<{ origin: string; token: string }>,
    openExternal: async (url: string) => {
      await ipc.invoke(IPC.openExternal, String(url));
    },
    onMenuCommand(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMenuCommand takes a function');
      const forward = (_event: IpcRendererEvent, command: unknown) => {
        if (isMenuCommand(command)) listener(command);
      };
      ipc.on(IPC.menuCommand, forward);
      return () => {
        ipc.removeListener(IPC.menuCommand, forward);
      };
    },
  };
}
