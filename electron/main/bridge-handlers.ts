// The main process's half of window.clusterInsight (see electron/preload/): the endpoint and token of the core,
// and opening web links in the OS browser. Each handler first checks that the caller is the app's own page in a
// top-level frame, because the token grants the whole contract.
import { ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { IPC } from '../shared/ipc-channels.ts';
import { externalUrlToOpen } from './navigation-policy.ts';
import { isTrustedSender } from './sender-policy.ts';

export interface BridgeEndpoint {
  /** The core's origin, http://127.0.0.1:PORT. */
  origin: string;
  token: string;
}

function assertTrustedSender(event: IpcMainInvokeEvent, appOrigin: string | undefined): void {
  const frame = event.senderFrame;
  if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null, appOrigin)) {
    // The renderer sees only this message; the refusal itself is the signal.
    throw new Error('refused: this IPC call is only answered for the Cluster Insight page');
  }
}

export function registerBridgeHandlers(endpoint: () => BridgeEndpoint | undefined): void {
  ipcMain.handle(IPC.endpoint, (event) => {
    const current = endpoint();
    assertTrustedSender(event, current?.origin);
    if (!current) throw new Error('the core is not running');
    // The renderer connects with WebSocket, so it gets the ws:// form of the same origin.
    return { origin: current.origin.replace(/^http/, 'ws'), token: current.token };
  });

  ipcMain.handle(IPC.openExternal, async (event, url: unknown) => {
    assertTrustedSender(event, endpoint()?.origin);
    const href = externalUrlToOpen(url);
    if (!href) throw new Error('only http and https links open in the browser');
    await shell.openExternal(href);
  });
}
