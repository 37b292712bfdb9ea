export const OUT_DIR: string;
export const MAIN_BUNDLE: string;
export const PRELOAD_BUNDLE: string;
/** Bundles dist/electron/main.cjs and preload.cjs; rejects when a bundle would require what it must not. */
export function buildElectron(options?: { logLevel?: 'silent' | 'error' | 'warning' | 'info' }): Promise<{ main: string; preload: string; mainRequires: string[] }>;
