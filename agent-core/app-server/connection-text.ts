// A connection file as the page sends it: the text of the file the user picked. Validated with the relay's own
// parser, so the app and `agent --connection-file` accept and refuse the same files with the same words.
import { MAX_CONNECTION_FILE_CHARS } from '../contract/app-contract.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import { parseConnectionFile, type ConnectionFile } from '../relay/connection-file.ts';

const FIX = 'Pick the file `cluster-insight gateway enroll --out FILE` wrote, unedited, or ask the gateway\'s admin for a new one.';

export function parseConnectionText(text: string): ConnectionFile {
  const trimmed = text.trim();
  if (trimmed === '') throw new UserFacingError('connection-file-invalid', `The connection file is empty. ${FIX}`);
  if (trimmed.length > MAX_CONNECTION_FILE_CHARS) throw new UserFacingError('connection-file-invalid', `That file is too large to be a connection file (over ${MAX_CONNECTION_FILE_CHARS / 1024} KiB). ${FIX}`);
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (err) {
    throw new UserFacingError('connection-file-invalid', `The connection file is not JSON (${(err as Error).message}). ${FIX}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UserFacingError('connection-file-invalid', `The connection file is not a JSON object. ${FIX}`);
  return parseConnectionFile(json, 'The connection file');
}
