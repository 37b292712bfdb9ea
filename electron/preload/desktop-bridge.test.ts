import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { IPC } from '../shared/ipc-channels.ts';
import { createDesktopBridge, type BridgeIpc } from './desktop-bridge.ts';

/** ipcRenderer's shape: invoke records the call; on/removeListener are an EventEmitter's. */
function fakeIpc() {
  const emitter = new EventEmitter();
  const invoked: unknown[][] = [];
  const ipc = {
    invoke: (channel: string, ...args: unknown[]) => {
      invoked.push([channel, ...args]);
      return Promise.resolve(channel === IPC.endpoint ? { origin: 'ws://127.0.0.1:1', token: 't' } : undefined);
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => emitter.removeListener(channel, listener),
  } as unknown as BridgeIpc;
  return { ipc, emitter, invoked };
}

describe('createDesktopBridge', () => {
  it('exposes exactly the DesktopBridge functions', () => {
    expect(Object.keys(createDesktopBridge(fakeIpc().ipc)).sort()).toEqual(['endpoint', 'onMenuCommand', 'openExternal']);
  });

  it('asks the main process for the endpoint and to open links, on the allowlisted channels only', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createDesktopBridge(ipc);
    await expect(bridge.endpoint()).resolves.toEqual({ origin: 'ws://127.0.0.1:1', token: 't' });
    await expect(bridge.openExternal('https://kubernetes.io/')).resolves.toBeUndefined();
    expect(invoked).toEqual([[IPC.endpoint], [IPC.openExternal, 'https://kubernetes.io/']]);
  });

  it('hands the listener the command alone, never the IPC event, and drops unknown commands', () => {
    const { ipc, emitter } = fakeIpc();
    const received: unknown[][] = [];
    createDesktopBridge(ipc).onMenuCommand((...args: unknown[]) => received.push(args));
    const event = { sender: 'ipcRenderer itself' };
    emitter.emit(IPC.menuCommand, event, 'toggle-theme');
    emitter.emit(IPC.menuCommand, event, 'rm -rf');
    emitter.emit(IPC.menuCommand, event, { command: 'go-nodes' });
    emitter.emit(IPC.menuCommand, event, 'go-nodes');
    expect(received).toEqual([['toggle-theme'], ['go-nodes']]);
  });

  it('returns an unsubscribe that removes exactly that listener', () => {
    const { ipc, emitter } = fakeIpc();
    const bridge = createDesktopBridge(ipc);
    const a: string[] = [];
    const b: string[] = [];
    const offA = bridge.onMenuCommand((c) => a.push(c));
    bridge.onMenuCommand((c) => b.push(c));
    offA();
    offA();
    emitter.emit(IPC.menuCommand, {}, 'reload-data');
    expect(a).toEqual([]);
    expect(b).toEqual(['reload-data']);
    expect(emitter.listenerCount(IPC.menuCommand)).toBe(1);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => createDesktopBridge(fakeIpc().ipc).onMenuCommand('nope' as never)).toThrowError(TypeError);
  });
});
