/**
 * Resolves with the first SIGINT or SIGTERM, which then no longer ends the process by default. A second one
 * while stopping means "now": `onForce` runs (synchronously: kill what must not outlive us) and the process exits.
 */
export function untilTerminated(onForce?: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const force = (signal: NodeJS.Signals) => {
      process.stderr.write(`${signal} again: stopping now\n`);
      onForce?.();
      process.exit(130);
    };
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
