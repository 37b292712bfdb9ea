import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the app remembers between launches, in both shells: the last context used. */
export interface AppSettings {
  lastContext?: string;
}

const FILE = 'app-settings.json';

export function readAppSettings(dataDir: string): AppSettings {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const lastContext = (parsed as Record<string, unknown>).lastContext;
    return typeof lastContext === 'string' ? { lastContext } : {};
  } catch {
    // Missing or damaged: start fresh rather than refuse to start.
    return {};
  }
}

export function writeAppSettings(dataDir: string, settings: AppSettings): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  renameSync(`${file}.tmp`, file);
}
