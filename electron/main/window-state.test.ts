import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, parseWindowState, readWindowState, restoreWindow, writeWindowState, type Rect } from './window-state.ts';

// Two displays side by side: a laptop panel with a menu bar, and a larger external one to its right.
const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('restoreWindow', () => {
  it('restores the saved place when it is on a display', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(restoreWindow(saved, [laptop, external], laptop)).toEqual({ bounds: saved.bounds, maximized: false });
  });

  it('falls back to the default size, centred by the OS, when the display it was on is gone', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: true };
    expect(restoreWindow(saved, [laptop], laptop)).toEqual({ bounds: { width: DEFAULT_SIZE.width, height: 820 }, maximized: true });
  });

  it('treats a window whose title bar is off every display as lost, even if part of it shows', () => {
    // Title bar above the top of the laptop's work area: the window cannot be dragged.
    const saved = { bounds: { x: 100, y: -400, width: 1000, height: 800 }, maximized: false };
    expect(restoreWindow(saved, [laptop], laptop).bounds.x).toBeUndefined();
  });

  it('treats a title bar with only a sliver on a display as lost', () => {
    const saved = { bounds: { x: 1440 - 50, y: 100, width: 1000, height: 800 }, maximized: false };
    expect(restoreWindow(saved, [laptop], laptop).bounds.x).toBeUndefined();
  });

  it('moves a partly off-screen window fully onto its display', () => {
    const saved = { bounds: { x: 1000, y: 300, width: 1000, height: 800 }, maximized: false };
    expect(restoreWindow(saved, [laptop], laptop).bounds).toEqual({ x: 440, y: 100, width: 1000, height: 800 });
  });

  it('shrinks a window larger than its display to fit it', () => {
    const saved = { bounds: { x: 0, y: 25, width: 3000, height: 2000 }, maximized: false };
    expect(restoreWindow(saved, [laptop], laptop).bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('uses the default size, shrunk to a small primary display, when nothing was saved', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 700 };
    expect(restoreWindow(undefined, [small], small)).toEqual({ bounds: { width: 1024, height: 700 }, maximized: false });
    expect(restoreWindow(undefined, [], undefined)).toEqual({ bounds: { ...DEFAULT_SIZE }, maximized: false });
  });

  it('picks the display holding most of the title bar when it spans two', () => {
    const saved = { bounds: { x: 1300, y: 100, width: 1000, height: 700 }, maximized: false };
    // 140 px on the laptop, 860 px on the external display: it belongs to the external one.
    expect(restoreWindow(saved, [laptop, external], laptop).bounds).toEqual({ x: 1440, y: 100, width: 1000, height: 700 });
  });
});

describe('parseWindowState', () => {
  it('reads what writeWindowState writes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ci-window-state-'));
    const file = path.join(dir, 'nested', 'window-state.json');
    writeWindowState(file, { bounds: { x: -1200, y: 40, width: 1100, height: 700 }, maximized: true });
    expect(readWindowState(file)).toEqual({ bounds: { x: -1200, y: 40, width: 1100, height: 700 }, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: -1200, y: 40, width: 1100, height: 700 }, maximized: true });
  });

  it('gives nothing for a missing, damaged or nonsensical file, so the defaults apply', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ci-window-state-'));
    expect(readWindowState(path.join(dir, 'missing.json'))).toBeUndefined();
    writeFileSync(path.join(dir, 'torn.json'), '{"bounds": {"x": 1');
    expect(readWindowState(path.join(dir, 'torn.json'))).toBeUndefined();
    for (const text of ['null', '[]', '{}', '{"bounds":{"x":0,"y":0,"width":0,"height":10}}', '{"bounds":{"x":"0","y":0,"width":10,"height":10}}', '{"bounds":{"x":1e9,"y":0,"width":10,"height":10}}']) {
      expect(parseWindowState(text), text).toBeUndefined();
    }
  });

  it('rounds fractional bounds (from scaled displays) and reads a missing maximized as false', () => {
    expect(parseWindowState('{"bounds":{"x":10.4,"y":20.6,"width":1000.5,"height":700}}')).toEqual({ bounds: { x: 10, y: 21, width: 1001, height: 700 }, maximized: false });
  });
});
