// Quitting stops the core first: the agent flushes the current minute to the store and closes SQLite cleanly.
// Electron does not wait for promises in quit handlers, so the first quit is held back until the core has
// closed (or a deadline passes: a stuck close must not leave a zombie app), then quitting resumes.
import { app } from 'electron';

const CLOSE_DEADLINE_MS = 10_000;

export function quitGracefully(closeCore: () => Promise<void> | undefined, log: (line: string) => void): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    const closing = closeCore() ?? Promise.resolve();
    const deadline = new Promise<void>((resolve) =>
      setTimeout(() => {
        log(`the core did not stop within ${CLOSE_DEADLINE_MS / 1000} s; quitting anyway`);
        resolve();
      }, CLOSE_DEADLINE_MS).unref(),
    );
    Promise.race([closing.catch((err: unknown) => log(`stopping the core failed: ${String(err)}`)), deadline]).finally(() => {
      state = 'closed';
      app.quit();
    });
  });
  // Ctrl-C in the terminal of `npm start`, or a service manager's TERM: quit the same way as from the menu.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}
