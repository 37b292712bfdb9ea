// The shell's own log lines go to stderr (seen in a terminal, `npm start`); what matters for a user's report is
// in the core's agent.log in the data folder.
export function log(line: string): void {
  try {
    process.stderr.write(`[cluster-insight] ${line}\n`);
  } catch {
    // A packaged app on Windows may have no stderr at all.
  }
}
