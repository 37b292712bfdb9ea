// The browser session's rules: no permission (camera, notifications, geolocation, clipboard reads…) is ever
// granted, since the app needs none, and the page's CSP is enforced from here too (see csp-headers.ts).
import type { Session } from 'electron';
import { contentSecurityPolicy } from '../../agent-core/app-server/content-security-policy.ts';
import { withContentSecurityPolicy } from './csp-headers.ts';
import { isAppUrl } from './navigation-policy.ts';

export function lockDownSession(session: Session, appOrigin: () => string | undefined): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);

  session.webRequest.onHeadersReceived((details, callback) => {
    const origin = appOrigin();
    if (origin && isAppUrl(details.url, origin)) {
      callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, contentSecurityPolicy(origin)) });
    } else {
      callback({});
    }
  });
}
