// Applied to every web contents the app ever creates (the window, devtools, anything a future feature adds), so
// no code path can open a window, embed a <webview> or navigate away from the app without passing the policy.
import { app, shell } from 'electron';
import { decideNavigation, externalUrlToOpen } from './navigation-policy.ts';

export function guardAllWebContents(appOrigin: () => string | undefined, log: (line: string) => void): void {
  const openExternally = (url: string) => {
    shell.openExternal(url).catch((err: unknown) => log(`could not open ${url} in the browser: ${String(err)}`));
  };

  app.on('web-contents-created', (_event, contents) => {
    // <webview> is off in webPreferences; this refuses one even if a later change turned it back on.
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('refused to attach a <webview>');
    });

    const onNavigate = (event: { url: string; preventDefault(): void }) => {
      const decision = decideNavigation(event.url, appOrigin());
      if (decision.action === 'allow') return;
      event.preventDefault();
      if (decision.action === 'open-external') openExternally(decision.url);
      else log(`refused to navigate to ${event.url}`);
    };
    contents.on('will-navigate', onNavigate);
    // A redirect during an allowed navigation is a navigation too.
    contents.on('will-redirect', onNavigate);

    // No new windows at all: a web link (target=_blank, window.open) opens in the OS browser instead.
    contents.setWindowOpenHandler(({ url }) => {
      const external = externalUrlToOpen(url);
      if (external) openExternally(external);
      else log(`refused to open a window on ${url}`);
      return { action: 'deny' };
    });
  });
}
