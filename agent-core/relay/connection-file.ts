// The connection file `cluster-insight gateway enroll` writes and the agent reads: where the gateway is and the
// enrolment's credentials. It holds a secret, so it is written owner-only.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserFacingError } from '../kube/user-facing-error.ts';

export const connectionFileSchema = z.object({
  gatewayUrl: z
    .string()
    .url()
    .refine((u) => /^wss?:\/\//.test(u), 'must start with ws:// or wss://'),
  accountId: z.string().min(1).max(200),
  clusterId: z.string().min(1).max(200),
  secret: z.string().min(32, 'must be at least 32 characters (as `gateway enroll` writes it)'),
});
export type ConnectionFile = z.infer<typeof connectionFileSchema>;

/** Validates a parsed connection file; the error names the file, the field and the fix. */
export function parseConnectionFile(json: unknown, file = 'the connection file'): ConnectionFile {
  const parsed = connectionFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'} ${i.message}`).join('; ');
  throw new UserFacingError(
    'connection-file-invalid',
    `${file} is not a valid Cluster Insight connection file (${problems}). Write a new one with \`cluster-insight gateway enroll --account A --name N --out FILE\` on the gateway's machine.`,
  );
}

export function readConnectionFile(file: string): ConnectionFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserFacingError('connection-file-unreadable', `Cannot read the connection file ${file} (${(err as Error).message}). Check the path, or enrol again with \`cluster-insight gateway enroll\`.`, 2, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserFacingError('connection-file-invalid', `${file} is not JSON (${(err as Error).message}). Use the file \`cluster-insight gateway enroll --out\` wrote, unedited.`, 2, { cause: err });
  }
  return parseConnectionFile(json, file);
}

export function writeConnectionFile(file: string, connection: ConnectionFile): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(connection, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
