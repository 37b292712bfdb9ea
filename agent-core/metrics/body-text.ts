import { isAscii } from 'node:buffer';

/**
 * The text of a response body as the fetcher hands it over. Kubelet answers are almost always ASCII, which
 * decodes about three times faster than UTF-8 (checking costs next to nothing); anything else decodes as UTF-8.
 */
export function bodyText(body: string | Buffer): string {
  if (typeof body === 'string') return body;
  return isAscii(body) ? body.toString('ascii') : body.toString('utf8');
}

const PREVIEW_LENGTH = 80;

/** How a body begins, for messages about answers that are not what was expected (often an HTML error page). */
export function describeBodyStart(text: string): string {
  const start = text.trimStart();
  if (start.length === 0) return 'the body is empty';
  const shown = start.length > PREVIEW_LENGTH ? `${start.slice(0, PREVIEW_LENGTH)}…` : start;
  return `the body begins ${JSON.stringify(shown)}`;
}
