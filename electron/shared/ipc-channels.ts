// The IPC channels between the preload and the main process: the only ones either side uses. Both import this
// file so a renamed channel cannot silently leave one side listening to nothing.
export const IPC = {
  /** invoke → { origin: ws://127.0.0.1:PORT, token } */
  endpoint: 'cluster-insight:endpoint',
  /** invoke(url) → opens an http(s) URL in the OS browser */
  openExternal: 'cluster-insight:open-external',
  /** main → renderer: one of MENU_COMMANDS */
  menuCommand: 'cluster-insight:menu-command',
} as const;
