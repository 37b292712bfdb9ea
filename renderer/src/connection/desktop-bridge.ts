import { DESKTOP_BRIDGE_KEY, type DesktopBridge } from '../../../agent-core/contract/desktop-bridge.ts';

/** The Electron preload's bridge, or undefined in a plain browser (web mode). */
export function desktopBridge(): DesktopBridge | undefined {
  const candidate = (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_KEY];
  return candidate && typeof candidate === 'object' ? (candidate as DesktopBridge) : undefined;
}
