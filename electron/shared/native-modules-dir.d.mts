/** The node_modules folder holding better-sqlite3 built for this Electron, platform and arch. */
export function electronNativeModulesDir(appRoot: string, electronVersion: string, platform: string, arch: string): string;
