// The preload of the app window. It runs sandboxed (it can require only 'electron' and a few Node polyfills),
// so electron/scripts/build.mjs bundles it and what it imports into one CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_BRIDGE_KEY } from '../../agent-core/contract/desktop-bridge.ts';
import { createDesktopBridge } from './desktop-bridge.ts';

contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_KEY, createDesktopBridge(ipcRenderer));
