import path from 'node:path';
import { LineCounter, parseDocument, type Document, type SchemaOptions } from 'yaml';
import { z } from 'zod';
import type { ExecConfig, KubeconfigCluster, KubeconfigContext, KubeconfigFile, KubeconfigUser, Origin } from './kubeconfig-types.ts';
import { UserFacingError } from './user-facing-error.ts';

// kubectl reads YAML into Go structs: a string field keeps the scalar's text (a context named 1.10 stays "1.10",
// one named yes stays "yes"). The failsafe schema keeps every scalar as text; only true/false and null are typed.
const YAML_OPTIONS: SchemaOptions = { schema: 'failsafe', customTags: ['null', 'bool'] };

// Go turns a YAML boolean into "true"/"false" when the field is a string; so do we.
const text = z.union([z.string(), z.boolean().transform(String)]);
const optionalText = text.nullish().transform((v) => v ?? undefined);
const flag = z.boolean().nullish().transform((v) => v ?? false);

const clusterSchema = z.object({
  server: optionalText,
  'certificate-authority': optionalText,
  'certificate-authority-data': optionalText,
  'insecure-skip-tls-verify': flag,
  'tls-server-name': optionalText,
  'proxy-url': optionalText,
});

const execSchema = z.object({
  command: optionalText,
  args: z.array(text).nullish(),
  env: z.array(z.object({ name: text, value: text.nullish() })).nullish(),
  apiVersion: optionalText,
  interactiveMode: optionalText,
  provideClusterInfo: flag,
  installHint: optionalText,
});

const userSchema = z.object({
  token: optionalText,
  tokenFile: optionalText,
  'client-certificate': optionalText,
  'client-certificate-data': optionalText,
  'client-key': optionalText,
  'client-key-data': optionalText,
  username: optionalText,
  password: optionalText,
  as: optionalText,
  exec: execSchema.nullish(),
  'auth-provider': z.object({ name: text, config: z.record(text.nullish()).nullish() }).nullish(),
});

const contextSchema = z.object({
  cluster: optionalText,
  user: optionalText,
  namespace: optionalText,
});

const kubeconfigSchema = z.object({
  'current-context': optionalText,
  clusters: z.array(z.object({ name: optionalText, cluster: clusterSchema.nullish() })).nullish(),
  users: z.array(z.object({ name: optionalText, user: userSchema.nullish() })).nullish(),
  contexts: z.array(z.object({ name: optionalText, context: contextSchema.nullish() })).nullish(),
});

type RawKubeconfig = z.infer<typeof kubeconfigSchema>;

function positionOf(doc: Document, lines: LineCounter, at: readonly (string | number)[]): { line: number; col: number } {
  // A missing key has no node: point at the nearest enclosing one.
  for (let depth = at.length; depth >= 0; depth--) {
    const node = doc.getIn(at.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

function syntaxError(file: string, doc: Document): UserFacingError {
  const first = doc.errors[0]!;
  // The yaml package's message ends with its own " at line L, column C:" and a caret excerpt; we say where first.
  const [reason, excerpt = ''] = first.message.split(/ at line \d+, column \d+:\n/);
  const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
  return new UserFacingError(
    'kubeconfig-yaml-syntax',
    `${file}:${pos.line}:${pos.col}: YAML syntax error in kubeconfig: ${reason}.\n${excerpt.replace(/^\n+|\s+$/g, '')}\n` +
      `Fix the YAML at line ${pos.line} of ${file} (kubectl cannot read this file either).`,
  );
}

function shapeError(file: string, doc: Document, lines: LineCounter, issue: z.ZodIssue): UserFacingError {
  const pos = positionOf(doc, lines, issue.path);
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
  return new UserFacingError(
    'kubeconfig-invalid',
    `${file}:${pos.line}: ${where || 'the file'} is not valid kubeconfig: ${issue.message.toLowerCase()}. ` +
      `Fix that field in ${file} (see \`kubectl config view\` for the expected layout).`,
  );
}

/** kubectl's ResolveLocalPaths: paths inside a file are relative to that file's folder. */
function resolveFrom(dir: string, p: string | undefined): string | undefined {
  if (!p) return undefined;
  return path.isAbsolute(p) ? p : path.resolve(dir, p);
}

function execCommand(dir: string, command: string): string {
  // A bare name ("aws") is looked up on PATH; only a path with a separator is file-relative.
  return command.includes('/') || command.includes(path.sep) ? resolveFrom(dir, command)! : command;
}

function toExec(dir: string, raw: z.infer<typeof execSchema>): ExecConfig {
  return {
    command: raw.command ? execCommand(dir, raw.command) : '',
    args: raw.args ?? [],
    env: (raw.env ?? []).map((e) => ({ name: e.name, value: e.value ?? '' })),
    apiVersion: raw.apiVersion ?? '',
    interactiveMode: raw.interactiveMode,
    provideClusterInfo: raw.provideClusterInfo,
    installHint: raw.installHint,
  };
}

function build(file: string, raw: RawKubeconfig, origin: (at: (string | number)[]) => Origin): KubeconfigFile {
  const dir = path.dirname(file);
  const clusters: KubeconfigCluster[] = (raw.clusters ?? []).map((entry, i) => {
    const c = entry.cluster;
    return {
      name: entry.name ?? '',
      origin: origin(['clusters', i]),
      server: c?.server ?? '',
      certificateAuthority: resolveFrom(dir, c?.['certificate-authority']),
      certificateAuthorityData: c?.['certificate-authority-data'],
      insecureSkipTlsVerify: c?.['insecure-skip-tls-verify'] ?? false,
      tlsServerName: c?.['tls-server-name'],
      proxyUrl: c?.['proxy-url'],
    };
  });
  const users: KubeconfigUser[] = (raw.users ?? []).map((entry, i) => {
    const u = entry.user;
    const provider = u?.['auth-provider'];
    return {
      name: entry.name ?? '',
      origin: origin(['users', i]),
      token: u?.token,
      tokenFile: resolveFrom(dir, u?.tokenFile),
      clientCertificate: resolveFrom(dir, u?.['client-certificate']),
      clientCertificateData: u?.['client-certificate-data'],
      clientKey: resolveFrom(dir, u?.['client-key']),
      clientKeyData: u?.['client-key-data'],
      username: u?.username,
      password: u?.password,
      impersonate: u?.as,
      exec: u?.exec ? toExec(dir, u.exec) : undefined,
      authProvider: provider
        ? {
            name: provider.name,
            config: Object.fromEntries(Object.entries(provider.config ?? {}).map(([k, v]) => [k, v ?? ''])),
          }
        : undefined,
    };
  });
  const contexts: KubeconfigContext[] = (raw.contexts ?? []).map((entry, i) => {
    const c = entry.context;
    return {
      name: entry.name ?? '',
      origin: origin(['contexts', i]),
      cluster: c?.cluster ?? '',
      user: c?.user ?? '',
      namespace: c?.namespace,
    };
  });
  return { path: file, currentContext: raw['current-context'] || undefined, clusters, users, contexts };
}

function rejectDuplicates(file: string, kind: string, entries: { name: string; origin: Origin }[]): void {
  const seen = new Map<string, Origin>();
  for (const e of entries) {
    const first = seen.get(e.name);
    if (first) {
      // kubectl refuses such a file ("duplicate name in list"); say which lines clash.
      throw new UserFacingError(
        'kubeconfig-duplicate-name',
        `${file}:${e.origin.line}: ${kind} "${e.name}" is defined twice in ${file} (lines ${first.line} and ${e.origin.line}). ` +
          `Remove or rename one of them.`,
      );
    }
    seen.set(e.name, e.origin);
  }
}

/** Parses one kubeconfig file's text; `file` must be absolute (relative paths inside resolve against its folder). */
export function parseKubeconfig(file: string, source: string): KubeconfigFile {
  const lines = new LineCounter();
  const doc = parseDocument(source, { ...YAML_OPTIONS, lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw syntaxError(file, doc);
  const value: unknown = doc.toJS() ?? {};
  const parsed = kubeconfigSchema.safeParse(value);
  if (!parsed.success) throw shapeError(file, doc, lines, parsed.error.issues[0]!);
  const result = build(file, parsed.data, (at) => ({ file, line: positionOf(doc, lines, at).line }));
  rejectDuplicates(file, 'cluster', result.clusters);
  rejectDuplicates(file, 'user', result.users);
  rejectDuplicates(file, 'context', result.contexts);
  return result;
}
