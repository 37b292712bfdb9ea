// The window's size and place between launches: a small JSON file in the app's data folder. A saved place is
// used only when the window would still be reachable (its title bar on a connected display), because displays
// come and go between launches and a window restored off-screen cannot be dragged back.
// No Electron at runtime: the caller passes the displays' work areas.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** What the window opens with: a position only when the saved one is still visible (else the OS centres it). */
export interface RestoredWindow {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;

/** How much of the title bar must lie on one display for the saved place to count as reachable. */
const TITLE_BAR_HEIGHT = 32;
const MIN_VISIBLE_TITLE_WIDTH = 120;
/** Sanity bound on stored numbers: no display is this large; a bigger value is a damaged file. */
const MAX_COORDINATE = 100_000;

const isCoordinate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_COORDINATE;

/** The state in `text`, or undefined when it is missing, damaged or nonsensical (then the defaults apply). */
export function parseWindowState(text: string): WindowState | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { bounds, maximized } = raw as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null) return undefined;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isCoordinate(x) || !isCoordinate(y) || !isCoordinate(width) || !isCoordinate(height)) return undefined;
  if (width <= 0 || height <= 0) return undefined;
  return { bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }, maximized: maximized === true };
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** The work area (display minus task bars and menu bar) the window's title bar lies on, if any. */
function displayHoldingTitleBar(bounds: Rect, workAreas: readonly Rect[]): Rect | undefined {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR_HEIGHT };
  let best: { area: Rect; visible: number } | undefined;
  for (const area of workAreas) {
    const overlap = intersection(titleBar, area);
    // The whole height of the title bar, and enough of its width to grab it.
    if (overlap.height < TITLE_BAR_HEIGHT || overlap.width < Math.min(MIN_VISIBLE_TITLE_WIDTH, bounds.width)) continue;
    if (!best || overlap.width > best.visible) best = { area, visible: overlap.width };
  }
  return best?.area;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/**
 * Where the window opens. The saved bounds when their title bar is on a display, shrunk to fit that display and
 * moved fully onto it; otherwise the default size (shrunk to the primary display) with no position, so the OS
 * centres it. Maximised state is kept either way.
 */
export function restoreWindow(saved: WindowState | undefined, workAreas: readonly Rect[], primaryWorkArea: Rect | undefined): RestoredWindow {
  const home = saved ? displayHoldingTitleBar(saved.bounds, workAreas) : undefined;
  if (saved && home) {
    const width = clamp(saved.bounds.width, Math.min(MIN_SIZE.width, home.width), home.width);
    const height = clamp(saved.bounds.height, Math.min(MIN_SIZE.height, home.height), home.height);
    const x = clamp(saved.bounds.x, home.x, home.x + home.width - width);
    const y = clamp(saved.bounds.y, home.y, home.y + home.height - height);
    return { bounds: { x, y, width, height }, maximized: saved.maximized };
  }
  const width = primaryWorkArea ? Math.min(DEFAULT_SIZE.width, primaryWorkArea.width) : DEFAULT_SIZE.width;
  const height = primaryWorkArea ? Math.min(DEFAULT_SIZE.height, primaryWorkArea.height) : DEFAULT_SIZE.height;
  return { bounds: { width, height }, maximized: saved?.maximized ?? false };
}

export function readWindowState(file: string): WindowState | undefined {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    // Missing or unreadable: the defaults are the right answer, not an error.
    return undefined;
  }
}

/** Writes atomically (temp file, then rename) so a crash mid-write never leaves a half file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ bounds: state.bounds, maximized: state.maximized }, null, 2)}\n`);
  renameSync(tmp, file);
}
