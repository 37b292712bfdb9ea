/**
 * An error meant to be read by a person: its message names the thing that is wrong and the fix.
 * `code` is stable for programs (the CLI's --json output, the renderer's error states).
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 2,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}
