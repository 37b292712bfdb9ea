import { expect, test } from 'vitest';
import { defaultDataDir } from './data-dir.ts';

test('Windows: %APPDATA%\\Cluster Insight', () => {
  expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, homeDir: 'C:\\Users\\ana' })).toBe(
    'C:\\Users\\ana\\AppData\\Roaming\\Cluster Insight',
  );
  expect(defaultDataDir({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Roaming\\Cluster Insight');
});

test('macOS: ~/Library/Application Support/Cluster Insight', () => {
  expect(defaultDataDir({ platform: 'darwin', env: { XDG_DATA_HOME: '/x' }, homeDir: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/Cluster Insight');
});

test('Linux: $XDG_DATA_HOME/cluster-insight, else ~/.local/share/cluster-insight', () => {
  expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/data/ana' }, homeDir: '/home/ana' })).toBe('/data/ana/cluster-insight');
  expect(defaultDataDir({ platform: 'linux', env: {}, homeDir: '/home/ana' })).toBe('/home/ana/.local/share/cluster-insight');
  // A relative XDG_DATA_HOME is invalid by the spec and ignored.
  expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: 'data' }, homeDir: '/home/ana' })).toBe('/home/ana/.local/share/cluster-insight');
});
