import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Pem } from '../../../sim/controlplane/pki.ts';

export interface FakeUser {
  username: string;
  groups: string[];
  /** False: authenticated, but RBAC allows nothing beyond /version (403 elsewhere). */
  allowed?: boolean;
}

export interface FakeApiServerOptions {
  tls: Pem;
  /** Verify client certificates against this CA; CN is the user name and O the groups, as in kube-apiserver. */
  clientCa?: string;
  /** End the TLS handshake of clients without a certificate from clientCa, as mTLS proxies do. */
  requireClientCertificate?: boolean;
  /** Default v1.20.2. */
  gitVersion?: string;
  /** authentication.k8s.io versions serving selfsubjectreviews (none by default, as in 1.20). */
  selfSubjectReviewVersions?: string[];
  tokens?: Record<string, FakeUser>;
  /** "user:password" to user. */
  basicAuth?: Record<string, FakeUser>;
  /** False mimics --anonymous-auth=false: anonymous requests get 401 even on /version. */
  anonymousAuth?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  impersonateUser?: string;
}

export interface FakeApiServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** TLS handshakes completed: fewer than requests when clients keep connections alive. */
  handshakes(): number;
  close(): Promise<void>;
}

const AUTHN_GROUP_VERSIONS = ['v1', 'v1beta1'];

function status(res: http.ServerResponse, code: number, reason: string, message: string): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

function json(res: http.ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Who the request is, as kube-apiserver decides: a bad credential is 401, none at all is anonymous. */
function authenticate(req: http.IncomingMessage, opts: FakeApiServerOptions): FakeUser | 'anonymous' | 'rejected' {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return opts.tokens?.[auth.slice(7)] ?? 'rejected';
  if (auth?.startsWith('Basic ')) return opts.basicAuth?.[Buffer.from(auth.slice(6), 'base64').toString()] ?? 'rejected';
  const socket = req.socket as TLSSocket;
  if (socket.authorized) {
    const subject = socket.getPeerCertificate().subject;
    return { username: [subject.CN].flat()[0] ?? '', groups: [subject.O ?? []].flat() };
  }
  return opts.anonymousAuth === false ? 'rejected' : 'anonymous';
}

function handle(req: http.IncomingMessage, res: http.ServerResponse, opts: FakeApiServerOptions): void {
  const path = new URL(req.url ?? '/', 'https://x').pathname;
  const who = authenticate(req, opts);
  if (who === 'rejected') return status(res, 401, 'Unauthorized', 'Unauthorized');
  if (path === '/version') {
    const gitVersion = opts.gitVersion ?? 'v1.20.2';
    const [major, minor] = gitVersion.replace(/^v/, '').split('.');
    return json(res, { major, minor, gitVersion, platform: 'linux/amd64' });
  }
  const name = who === 'anonymous' ? 'system:anonymous' : who.username;
  if (who === 'anonymous' || who.allowed === false) {
    return status(res, 403, 'Forbidden', `forbidden: User "${name}" cannot get path "${path}"`);
  }
  const ssr = opts.selfSubjectReviewVersions ?? [];
  if (path === '/apis/authentication.k8s.io') {
    const versions = [...new Set([...AUTHN_GROUP_VERSIONS, ...ssr])].map((version) => ({
      groupVersion: `authentication.k8s.io/${version}`,
      version,
    }));
    return json(res, { kind: 'APIGroup', apiVersion: 'v1', name: 'authentication.k8s.io', versions, preferredVersion: versions[0] });
  }
  const list = /^\/apis\/authentication\.k8s\.io\/([^/]+)$/.exec(path);
  if (list) {
    const resources = [{ name: 'tokenreviews', namespaced: false, kind: 'TokenReview', verbs: ['create'] }];
    if (ssr.includes(list[1]!)) resources.push({ name: 'selfsubjectreviews', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] });
    return json(res, { kind: 'APIResourceList', groupVersion: `authentication.k8s.io/${list[1]}`, resources });
  }
  const review = /^\/apis\/authentication\.k8s\.io\/([^/]+)\/selfsubjectreviews$/.exec(path);
  if (review && req.method === 'POST' && ssr.includes(review[1]!)) {
    return json(res, {
      kind: 'SelfSubjectReview',
      apiVersion: `authentication.k8s.io/${review[1]}`,
      status: { userInfo: { username: who.username, groups: [...who.groups, 'system:authenticated'] } },
    });
  }
  return status(res, 404, 'NotFound', 'the server could not find the requested resource');
}

/** A stand-in kube-apiserver on 127.0.0.1 for /version, authentication discovery and SelfSubjectReview. */
export async function startFakeApiServer(opts: FakeApiServerOptions): Promise<FakeApiServer> {
  const requests: RecordedRequest[] = [];
  const server = https.createServer(
    {
      cert: opts.tls.cert,
      key: opts.tls.key,
      ca: opts.clientCa,
      requestCert: Boolean(opts.clientCa),
      rejectUnauthorized: Boolean(opts.requireClientCertificate),
    },
    (req, res) => {
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        authorization: req.headers.authorization,
        impersonateUser: req.headers['impersonate-user'] as string | undefined,
      });
      req.resume();
      req.on('end', () => handle(req, res, opts));
    },
  );
  let handshakes = 0;
  server.on('secureConnection', () => handshakes++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    handshakes: () => handshakes,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
