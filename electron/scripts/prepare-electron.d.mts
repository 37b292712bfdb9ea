/** A failure whose message says what is wrong and what to do instead (it names `npm run web`). */
export class PrepareError extends Error {}
/** The Electron executable (downloaded once if need be), with better-sqlite3 built for it; appRoot is what to launch. */
export function prepareElectron(options?: { say?: (line: string) => void }): { executable: string; appRoot: string };
