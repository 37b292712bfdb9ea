// Who may call the main process over IPC. The bridge hands out the contract token, so only the app's own page,
// in the window's top frame, may ask for it: not a frame that navigated elsewhere, not an embedded frame.
// Pure: the caller extracts what it needs from `event.senderFrame`.

import { isAppUrl } from './navigation-policy.ts';

/** What the policy needs to know about the frame an IPC message came from. */
export interface SenderFrame {
  url: string;
  /** `senderFrame.parent === null`: the page itself, not an iframe inside it. */
  isMainFrame: boolean;
}

/**
 * True when the sender is the app's page. A null frame (the frame navigated away or was destroyed before the
 * message was handled) is refused: we can no longer tell who sent it.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: string | undefined): boolean {
  return !!frame && frame.isMainFrame && isAppUrl(frame.url, appOrigin);
}
