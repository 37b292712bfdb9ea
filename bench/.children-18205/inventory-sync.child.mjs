// bench/inventory-sync.child.ts
import { KubeConfig as KubeConfig2 } from "@kubernetes/client-node";

// agent-core/kube/exec-credential.ts
import { spawn } from "node:child_process";
var SUPPORTED_EXEC_API_VERSIONS = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];
var ExecPluginError = class extends Error {
  constructor(problem, command, message, details = {}, options) {
    super(message, options);
    this.problem = problem;
    this.command = command;
    this.details = details;
    this.name = "ExecPluginError";
  }
  problem;
  command;
  details;
};
var STDERR_LIMIT = 4e3;
function execInfo(exec, cluster) {
  const spec = { interactive: false };
  if (exec.provideClusterInfo && cluster) spec.cluster = cluster;
  return JSON.stringify({ kind: "ExecCredential", apiVersion: exec.apiVersion, spec });
}
function checkConfig(exec) {
  if (!exec.command) throw new ExecPluginError("no-command", "", "the exec section has no command");
  if (!SUPPORTED_EXEC_API_VERSIONS.includes(exec.apiVersion)) {
    throw new ExecPluginError(
      "unsupported-api-version",
      exec.command,
      `exec apiVersion "${exec.apiVersion}" is not one of ${SUPPORTED_EXEC_API_VERSIONS.join(", ")}`
    );
  }
  if (exec.interactiveMode === "Always") {
    throw new ExecPluginError("needs-terminal", exec.command, "the plugin has interactiveMode: Always but there is no terminal");
  }
}
function parseCredential(exec, stdout) {
  const bad = (why, cause) => new ExecPluginError("bad-output", exec.command, why, {}, { cause });
  let doc;
  try {
    doc = JSON.parse(stdout);
  } catch (err) {
    throw bad(`its output is not JSON (${stdout.trim().slice(0, 200) || "empty"})`, err);
  }
  if (doc?.kind !== "ExecCredential") throw bad(`its output has kind ${JSON.stringify(doc?.kind)}, not "ExecCredential"`);
  if (doc.apiVersion !== exec.apiVersion) {
    throw bad(`it answered with apiVersion ${JSON.stringify(doc.apiVersion)} but the kubeconfig asks for "${exec.apiVersion}"`);
  }
  const status = doc.status ?? {};
  const hasCert = Boolean(status.clientCertificateData && status.clientKeyData);
  if (!status.token && !hasCert) throw bad("its status has neither a token nor a client certificate and key");
  return status;
}
async function runExecPlugin(exec, options) {
  checkConfig(exec);
  return await spawnPlugin(exec, options);
}
function spawnPlugin(exec, options) {
  const env = { ...process.env, KUBERNETES_EXEC_INFO: execInfo(exec, options.cluster) };
  for (const { name, value } of exec.env) env[name] = value;
  const ownGroup = process.platform !== "win32";
  const child = spawn(exec.command, exec.args, { env, stdio: ["ignore", "pipe", "pipe"], detached: ownGroup });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => stdout += chunk);
  child.stderr.setEncoding("utf8").on("data", (chunk) => stderr = (stderr + chunk).slice(-STDERR_LIMIT));
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      settle(() => {
        try {
          if (ownGroup && child.pid !== void 0) process.kill(-child.pid, "SIGKILL");
          else child.kill("SIGKILL");
        } catch {
        }
        child.stdout.destroy();
        child.stderr.destroy();
        child.unref();
        reject(
          new ExecPluginError("timed-out", exec.command, `did not finish within ${options.timeoutMs} ms`, {
            stderr: stderr.trim(),
            timeoutMs: options.timeoutMs
          })
        );
      });
    }, options.timeoutMs);
    child.on("error", (err) => {
      settle(() => {
        const problem = err.code === "ENOENT" ? "not-found" : err.code === "EACCES" ? "not-executable" : "failed";
        reject(new ExecPluginError(problem, exec.command, err.message, { stderr: stderr.trim() }, { cause: err }));
      });
    });
    child.on("close", (exitCode, signal) => {
      settle(() => {
        if (exitCode !== 0) {
          const how = exitCode === null ? `was killed by ${signal}` : `exited with code ${exitCode}`;
          reject(new ExecPluginError("failed", exec.command, how, { exitCode, signal, stderr: stderr.trim() }));
          return;
        }
        try {
          resolve(parseCredential(exec, stdout));
        } catch (err) {
          reject(err);
        }
      });
    });
  });
}
function isFresh(status) {
  if (!status.expirationTimestamp) return true;
  return Date.parse(status.expirationTimestamp) > Date.now();
}
var ExecCredentialSource = class {
  constructor(exec, options) {
    this.exec = exec;
    this.options = options;
  }
  exec;
  options;
  cached;
  pending;
  get() {
    if (this.cached && isFresh(this.cached)) return Promise.resolve(this.cached);
    this.pending ??= runExecPlugin(this.exec, this.options).then((status) => this.cached = status).finally(() => this.pending = void 0);
    return this.pending;
  }
};

// agent-core/kube/kube-request.ts
import http from "node:http";
import https from "node:https";

// agent-core/kube/api-exchange-observer.ts
var observers = /* @__PURE__ */ new WeakMap();
function reportApiExchange(kc, exchange) {
  const set = observers.get(kc);
  if (!set) return;
  for (const observer of set) observer(exchange);
}
function startApiExchange(kc, method, path3, watch = false) {
  const started = performance.now();
  return (status, error) => reportApiExchange(kc, { method, path: path3, status, durationMs: Math.round((performance.now() - started) * 10) / 10, ...error ? { error } : {}, ...watch ? { watch } : {} });
}

// agent-core/kube/kube-request.ts
var KubeHttpError = class extends Error {
  constructor(status, method, path3, detail) {
    super(`${method} ${path3}: HTTP ${status}${detail ? `: ${detail}` : ""}`);
    this.status = status;
    this.method = method;
    this.path = path3;
    this.detail = detail;
    this.name = "KubeHttpError";
  }
  status;
  method;
  path;
  detail;
};
var RequestTimeoutError = class extends Error {
  constructor(timeoutMs, url) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
    this.url = url;
    this.name = "RequestTimeoutError";
  }
  timeoutMs;
  url;
  code = "ETIMEDOUT";
};
function statusMessage(body) {
  try {
    const status = JSON.parse(body);
    if (typeof status.message === "string") return status.message;
  } catch {
  }
  return body.trim().slice(0, 200);
}
async function kubeRequestBody(kc, request) {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`the KubeConfig has no cluster for context "${kc.getCurrentContext()}"`);
  const method = request.method ?? "GET";
  const body = request.body === void 0 ? void 0 : JSON.stringify(request.body);
  const headers = { Accept: request.accept ?? "application/json", "User-Agent": "cluster-insight" };
  if (body !== void 0) headers["Content-Type"] = "application/json";
  const opts = { method, headers, rejectUnauthorized: !cluster.skipTLSVerify };
  await kc.applyToHTTPSOptions(opts);
  const url = new URL(cluster.server + request.path);
  const transport = url.protocol === "http:" ? http : https;
  const finished = startApiExchange(kc, method, request.path);
  return new Promise((resolve, reject) => {
    const req = transport.request(url, opts, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        finished(status);
        const text2 = Buffer.concat(chunks);
        if (status < 200 || status > 299) reject(new KubeHttpError(status, method, request.path, statusMessage(text2.toString("utf8"))));
        else resolve(text2);
      });
    });
    const timer = setTimeout(() => req.destroy(new RequestTimeoutError(request.timeoutMs, url.origin)), request.timeoutMs);
    req.on("error", (err) => {
      clearTimeout(timer);
      finished(0, err.message);
      reject(err);
    });
    req.end(body);
  });
}
async function kubeRequestJson(kc, request) {
  const body = (await kubeRequestBody(kc, request)).toString("utf8");
  try {
    return JSON.parse(body);
  } catch {
    throw new KubeHttpError(200, request.method ?? "GET", request.path, `not JSON: ${body.trim().slice(0, 200)}`);
  }
}

// agent-core/kube/user-facing-error.ts
var UserFacingError = class extends Error {
  constructor(code, message, exitCode = 2, options) {
    super(message, options);
    this.code = code;
    this.exitCode = exitCode;
    this.name = "UserFacingError";
  }
  code;
  exitCode;
};

// agent-core/kube/kube-client.ts
import fs from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
var DEFAULT_EXEC_TIMEOUT_MS = 3e4;
var EXEC_PROVIDER = "cluster-insight-exec";
var TOKEN_FILE_PROVIDER = "cluster-insight-token-file";
var TOKEN_FILE_REFRESH_MS = 6e4;
function setBearer(opts, token) {
  opts.headers = { ...opts.headers, Authorization: `Bearer ${token}` };
}
var ExecAuthenticator = class {
  constructor(source) {
    this.source = source;
  }
  source;
  isAuthProvider(user) {
    return user.authProvider?.name === EXEC_PROVIDER;
  }
  async applyAuthentication(_user, opts) {
    const status = await this.source.get();
    if (status.clientCertificateData && status.clientKeyData) {
      opts.cert = status.clientCertificateData;
      opts.key = status.clientKeyData;
    }
    if (status.token) setBearer(opts, status.token);
  }
};
var TokenFileAuthenticator = class {
  constructor(file) {
    this.file = file;
  }
  file;
  token = "";
  readAt = 0;
  isAuthProvider(user) {
    return user.authProvider?.name === TOKEN_FILE_PROVIDER;
  }
  async applyAuthentication(_user, opts) {
    if (Date.now() - this.readAt > TOKEN_FILE_REFRESH_MS) {
      try {
        this.token = (await fs.promises.readFile(this.file, "utf8")).trim();
        this.readAt = Date.now();
      } catch (err) {
        if (!this.token) throw err;
      }
    }
    setBearer(opts, this.token);
  }
};
function requireFile(file, field, owner2, origin, context) {
  if (file === void 0 || fs.existsSync(file)) return;
  throw new UserFacingError(
    "credential-file-missing",
    `${owner2} (${origin.file}:${origin.line}), used by context "${context}", names ${field} ${file}, which does not exist. Fix the path in ${origin.file} (a relative path is relative to that file's folder), or inline the contents as ${field}-data.`
  );
}
function checkFiles(resolved) {
  const { cluster, user, context } = resolved;
  requireFile(cluster.certificateAuthority, "certificate-authority", `Cluster "${cluster.name}"`, cluster.origin, context.name);
  if (!user) return;
  const owner2 = `User "${user.name}"`;
  requireFile(user.clientCertificate, "client-certificate", owner2, user.origin, context.name);
  requireFile(user.clientKey, "client-key", owner2, user.origin, context.name);
  if (user.tokenFile !== void 0 && !fs.existsSync(user.tokenFile)) {
    throw new UserFacingError(
      "credential-file-missing",
      `${owner2} (${user.origin.file}:${user.origin.line}), used by context "${context.name}", names tokenFile ${user.tokenFile}, which does not exist. Fix the path in ${user.origin.file} (a relative path is relative to that file's folder), or use token.`
    );
  }
}
function toCluster(c) {
  return {
    name: c.name,
    server: c.server.replace(/\/+$/, ""),
    caData: c.certificateAuthorityData,
    caFile: c.certificateAuthority,
    skipTLSVerify: c.insecureSkipTlsVerify,
    tlsServerName: c.tlsServerName,
    proxyUrl: c.proxyUrl
  };
}
function execClusterInfo(c) {
  const caData = c.certificateAuthorityData ?? (c.certificateAuthority ? fs.readFileSync(c.certificateAuthority).toString("base64") : void 0);
  return {
    server: c.server,
    "tls-server-name": c.tlsServerName,
    "insecure-skip-tls-verify": c.insecureSkipTlsVerify || void 0,
    "certificate-authority-data": caData,
    "proxy-url": c.proxyUrl
  };
}
function toUser(u) {
  const provider = u.tokenFile ? { name: TOKEN_FILE_PROVIDER } : u.exec ? { name: EXEC_PROVIDER } : u.authProvider && { name: u.authProvider.name, config: { ...u.authProvider.config } };
  return {
    name: u.name,
    token: u.tokenFile ? void 0 : u.token,
    certFile: u.clientCertificate,
    certData: u.clientCertificateData,
    keyFile: u.clientKey,
    keyData: u.clientKeyData,
    username: u.username,
    password: u.password,
    impersonateUser: u.impersonate,
    authProvider: provider
  };
}
function kubeConfigForContext(resolved, options = {}) {
  checkFiles(resolved);
  const { cluster, context } = resolved;
  const user = options.anonymous ? void 0 : resolved.user;
  const kc = new KubeConfig();
  const clientUser = user ? toUser(user) : { name: "" };
  kc.loadFromOptions({
    clusters: [toCluster(cluster)],
    users: [clientUser],
    contexts: [{ name: context.name, cluster: cluster.name, user: clientUser.name, namespace: context.namespace }],
    currentContext: context.name
  });
  if (user?.tokenFile) kc.addAuthenticator(new TokenFileAuthenticator(user.tokenFile));
  else if (user?.exec) {
    const timeoutMs = options.execTimeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    const clusterInfo = user.exec.provideClusterInfo ? execClusterInfo(cluster) : void 0;
    kc.addAuthenticator(new ExecAuthenticator(new ExecCredentialSource(user.exec, { timeoutMs, cluster: clusterInfo })));
  }
  return kc;
}

// agent-core/kube/kubeconfig-files.ts
import fs2 from "node:fs";
import os from "node:os";
import path2 from "node:path";

// agent-core/kube/kubeconfig-parse.ts
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
var YAML_OPTIONS = { schema: "failsafe", customTags: ["null", "bool"] };
var text = z.union([z.string(), z.boolean().transform(String)]);
var optionalText = text.nullish().transform((v) => v ?? void 0);
var flag = z.boolean().nullish().transform((v) => v ?? false);
var clusterSchema = z.object({
  server: optionalText,
  "certificate-authority": optionalText,
  "certificate-authority-data": optionalText,
  "insecure-skip-tls-verify": flag,
  "tls-server-name": optionalText,
  "proxy-url": optionalText
});
var execSchema = z.object({
  command: optionalText,
  args: z.array(text).nullish(),
  env: z.array(z.object({ name: text, value: text.nullish() })).nullish(),
  apiVersion: optionalText,
  interactiveMode: optionalText,
  provideClusterInfo: flag,
  installHint: optionalText
});
var userSchema = z.object({
  token: optionalText,
  tokenFile: optionalText,
  "client-certificate": optionalText,
  "client-certificate-data": optionalText,
  "client-key": optionalText,
  "client-key-data": optionalText,
  username: optionalText,
  password: optionalText,
  as: optionalText,
  exec: execSchema.nullish(),
  "auth-provider": z.object({ name: text, config: z.record(text.nullish()).nullish() }).nullish()
});
var contextSchema = z.object({
  cluster: optionalText,
  user: optionalText,
  namespace: optionalText
});
var kubeconfigSchema = z.object({
  "current-context": optionalText,
  clusters: z.array(z.object({ name: optionalText, cluster: clusterSchema.nullish() })).nullish(),
  users: z.array(z.object({ name: optionalText, user: userSchema.nullish() })).nullish(),
  contexts: z.array(z.object({ name: optionalText, context: contextSchema.nullish() })).nullish()
});
function positionOf(doc, lines, at2) {
  for (let depth = at2.length; depth >= 0; depth--) {
    const node = doc.getIn(at2.slice(0, depth), true);
    if (node?.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}
function syntaxError(file, doc) {
  const first = doc.errors[0];
  const [reason, excerpt = ""] = first.message.split(/ at line \d+, column \d+:\n/);
  const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
  return new UserFacingError(
    "kubeconfig-yaml-syntax",
    `${file}:${pos.line}:${pos.col}: YAML syntax error in kubeconfig: ${reason}.
${excerpt.replace(/^\n+|\s+$/g, "")}
Fix the YAML at line ${pos.line} of ${file} (kubectl cannot read this file either).`
  );
}
function shapeError(file, doc, lines, issue) {
  const pos = positionOf(doc, lines, issue.path);
  const where = issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${p}`).join("").replace(/^\./, "");
  return new UserFacingError(
    "kubeconfig-invalid",
    `${file}:${pos.line}: ${where || "the file"} is not valid kubeconfig: ${issue.message.toLowerCase()}. Fix that field in ${file} (see \`kubectl config view\` for the expected layout).`
  );
}
function resolveFrom(dir, p) {
  if (!p) return void 0;
  return path.isAbsolute(p) ? p : path.resolve(dir, p);
}
function execCommand(dir, command) {
  return command.includes("/") || command.includes(path.sep) ? resolveFrom(dir, command) : command;
}
function toExec(dir, raw) {
  return {
    command: raw.command ? execCommand(dir, raw.command) : "",
    args: raw.args ?? [],
    env: (raw.env ?? []).map((e) => ({ name: e.name, value: e.value ?? "" })),
    apiVersion: raw.apiVersion ?? "",
    interactiveMode: raw.interactiveMode,
    provideClusterInfo: raw.provideClusterInfo,
    installHint: raw.installHint
  };
}
function build(file, raw, origin) {
  const dir = path.dirname(file);
  const clusters = (raw.clusters ?? []).map((entry, i) => {
    const c = entry.cluster;
    return {
      name: entry.name ?? "",
      origin: origin(["clusters", i]),
      server: c?.server ?? "",
      certificateAuthority: resolveFrom(dir, c?.["certificate-authority"]),
      certificateAuthorityData: c?.["certificate-authority-data"],
      insecureSkipTlsVerify: c?.["insecure-skip-tls-verify"] ?? false,
      tlsServerName: c?.["tls-server-name"],
      proxyUrl: c?.["proxy-url"]
    };
  });
  const users = (raw.users ?? []).map((entry, i) => {
    const u = entry.user;
    const provider = u?.["auth-provider"];
    return {
      name: entry.name ?? "",
      origin: origin(["users", i]),
      token: u?.token,
      tokenFile: resolveFrom(dir, u?.tokenFile),
      clientCertificate: resolveFrom(dir, u?.["client-certificate"]),
      clientCertificateData: u?.["client-certificate-data"],
      clientKey: resolveFrom(dir, u?.["client-key"]),
      clientKeyData: u?.["client-key-data"],
      username: u?.username,
      password: u?.password,
      impersonate: u?.as,
      exec: u?.exec ? toExec(dir, u.exec) : void 0,
      authProvider: provider ? {
        name: provider.name,
        config: Object.fromEntries(Object.entries(provider.config ?? {}).map(([k, v]) => [k, v ?? ""]))
      } : void 0
    };
  });
  const contexts = (raw.contexts ?? []).map((entry, i) => {
    const c = entry.context;
    return {
      name: entry.name ?? "",
      origin: origin(["contexts", i]),
      cluster: c?.cluster ?? "",
      user: c?.user ?? "",
      namespace: c?.namespace
    };
  });
  return { path: file, currentContext: raw["current-context"] || void 0, clusters, users, contexts };
}
function rejectDuplicates(file, kind, entries) {
  const seen = /* @__PURE__ */ new Map();
  for (const e of entries) {
    const first = seen.get(e.name);
    if (first) {
      throw new UserFacingError(
        "kubeconfig-duplicate-name",
        `${file}:${e.origin.line}: ${kind} "${e.name}" is defined twice in ${file} (lines ${first.line} and ${e.origin.line}). Remove or rename one of them.`
      );
    }
    seen.set(e.name, e.origin);
  }
}
function parseKubeconfig(file, source) {
  const lines = new LineCounter();
  const doc = parseDocument(source, { ...YAML_OPTIONS, lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw syntaxError(file, doc);
  const value = doc.toJS() ?? {};
  const parsed = kubeconfigSchema.safeParse(value);
  if (!parsed.success) throw shapeError(file, doc, lines, parsed.error.issues[0]);
  const result = build(file, parsed.data, (at2) => ({ file, line: positionOf(doc, lines, at2).line }));
  rejectDuplicates(file, "cluster", result.clusters);
  rejectDuplicates(file, "user", result.users);
  rejectDuplicates(file, "context", result.contexts);
  return result;
}

// agent-core/kube/kubeconfig-files.ts
function splitPathList(list) {
  const unique = new Set(
    list.split(path2.delimiter).filter((p) => p !== "").map((p) => path2.resolve(p))
  );
  return [...unique];
}
function isFile(p) {
  try {
    return fs2.statSync(p).isFile();
  } catch {
    return false;
  }
}
function discoverKubeconfigFiles(options = {}) {
  const explicit = splitPathList(options.kubeconfig ?? "");
  if (explicit.length > 0) {
    const missing = explicit.find((p) => !isFile(p));
    if (missing) {
      const problem = fs2.existsSync(missing) ? "is not a file" : "does not exist";
      throw new UserFacingError(
        "kubeconfig-not-found",
        `The kubeconfig file ${missing} given with --kubeconfig ${problem}. Fix the path, or leave --kubeconfig out to use KUBECONFIG or ~/.kube/config.`
      );
    }
    return { kind: "flag", files: explicit, missing: [] };
  }
  const envList = (options.env ?? process.env).KUBECONFIG;
  if (envList) {
    const listed = splitPathList(envList);
    return { kind: "env", files: listed.filter(isFile), missing: listed.filter((p) => !isFile(p)) };
  }
  const fallback = path2.join(options.homeDir ?? os.homedir(), ".kube", "config");
  return isFile(fallback) ? { kind: "default", files: [fallback], missing: [] } : { kind: "default", files: [], missing: [fallback] };
}
function readKubeconfigFile(file) {
  let source;
  try {
    source = fs2.readFileSync(file, "utf8");
  } catch (err) {
    const reason = err.code === "EACCES" ? "permission denied" : err.message;
    throw new UserFacingError(
      "kubeconfig-unreadable",
      `Cannot read kubeconfig ${file}: ${reason}. Make it readable by you (e.g. chmod 600 ${file}) or leave it out of KUBECONFIG.`,
      2,
      { cause: err }
    );
  }
  return parseKubeconfig(file, source);
}
function mergeKubeconfigs(source, files) {
  const merged = { source, clusters: /* @__PURE__ */ new Map(), users: /* @__PURE__ */ new Map(), contexts: /* @__PURE__ */ new Map() };
  for (const file of files) {
    merged.currentContext ??= file.currentContext;
    for (const c of file.clusters) if (!merged.clusters.has(c.name)) merged.clusters.set(c.name, c);
    for (const u of file.users) if (!merged.users.has(u.name)) merged.users.set(u.name, u);
    for (const c of file.contexts) if (!merged.contexts.has(c.name)) merged.contexts.set(c.name, c);
  }
  return merged;
}
function loadKubeconfig(options = {}) {
  const source = discoverKubeconfigFiles(options);
  return mergeKubeconfigs(source, source.files.map(readKubeconfigFile));
}
function describeKubeconfigSource(source) {
  const all = [...source.files, ...source.missing];
  switch (source.kind) {
    case "flag":
      return `--kubeconfig ${all.join(path2.delimiter)}`;
    case "env":
      return `KUBECONFIG=${all.join(path2.delimiter)}`;
    case "default":
      return all[0] ?? "~/.kube/config";
  }
}

// agent-core/kube/kubeconfig-context.ts
function compareKubectlNames(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
function contextNames(kubeconfig) {
  return [...kubeconfig.contexts.keys()].sort(compareKubectlNames);
}
var at = (o) => `${o.file}:${o.line}`;
function knownContexts(kubeconfig) {
  const names = contextNames(kubeconfig);
  return names.length > 0 ? `Known contexts: ${names.join(", ")}.` : `No context is defined in ${describeKubeconfigSource(kubeconfig.source)}.`;
}
function pickContext(kubeconfig, name) {
  const wanted = name || kubeconfig.currentContext;
  if (!wanted) {
    throw new UserFacingError(
      "no-current-context",
      `No context was given and ${describeKubeconfigSource(kubeconfig.source)} sets no current-context. Pass --context NAME, or set one with \`kubectl config use-context NAME\`. ${knownContexts(kubeconfig)}`
    );
  }
  const context = kubeconfig.contexts.get(wanted);
  if (!context) {
    const how = name ? "was given" : "is the current-context";
    throw new UserFacingError(
      "context-not-found",
      `Context "${wanted}" ${how} but is not defined in ${describeKubeconfigSource(kubeconfig.source)}. Use one of the known contexts, or add it to a kubeconfig. ${knownContexts(kubeconfig)}`
    );
  }
  return context;
}
function resolveContext(kubeconfig, name) {
  const context = pickContext(kubeconfig, name);
  const where = describeKubeconfigSource(kubeconfig.source);
  const cluster = kubeconfig.clusters.get(context.cluster);
  if (!cluster) {
    const known = [...kubeconfig.clusters.keys()].sort(compareKubectlNames).join(", ") || "none";
    throw new UserFacingError(
      "context-cluster-missing",
      `Context "${context.name}" (${at(context.origin)}) names cluster "${context.cluster}", which no file in ${where} defines. Add that cluster, or point the context at a defined one (known clusters: ${known}).`
    );
  }
  if (!cluster.server) {
    throw new UserFacingError(
      "cluster-no-server",
      `Cluster "${cluster.name}" (${at(cluster.origin)}), used by context "${context.name}", has no server address. Set clusters[].cluster.server to the API server's URL (https://host:port) in ${cluster.origin.file}.`
    );
  }
  let user;
  if (context.user) {
    user = kubeconfig.users.get(context.user);
    if (!user) {
      const known = [...kubeconfig.users.keys()].sort(compareKubectlNames).join(", ") || "none";
      throw new UserFacingError(
        "context-user-missing",
        `Context "${context.name}" (${at(context.origin)}) names user "${context.user}", which no file in ${where} defines. Add that user's credentials, or point the context at a defined user (known users: ${known}).`
      );
    }
  }
  return { kubeconfig, context, cluster, user };
}

// agent-core/inventory/access-review.ts
function describeCheck(check2) {
  const resource = check2.subresource ? `${check2.resource}/${check2.subresource}` : check2.resource;
  return `${check2.verb} ${check2.group ? `${resource}.${check2.group}` : resource}`;
}
async function reviewOne(kc, check2, timeoutMs) {
  try {
    const review = await kubeRequestJson(kc, {
      method: "POST",
      path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      body: {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes: { verb: check2.verb, group: check2.group, resource: check2.resource, ...check2.subresource ? { subresource: check2.subresource } : {} } }
      },
      timeoutMs
    });
    const status = review.status ?? {};
    const reason = status.reason || status.evaluationError;
    return { ...check2, allowed: status.allowed === true, ...reason ? { reason } : {} };
  } catch (err) {
    return { ...check2, allowed: void 0, reason: `the access review failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
async function reviewAccess(kc, checks, timeoutMs = 1e4, concurrency = 8) {
  const results = new Array(checks.length);
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const i = next++;
      results[i] = await reviewOne(kc, checks[i], timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, checks.length) }, worker));
  return results;
}

// agent-core/inventory/watched-kinds.ts
var WATCHED_KINDS = [
  "Pod",
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "ReplicationController",
  "Namespace",
  "Node",
  "LimitRange"
];
var info = (kind, group, resource, flags = {}) => ({
  kind,
  group,
  resource,
  namespaced: true,
  workload: true,
  patchable: true,
  ...flags
});
var KIND_INFO = {
  Pod: info("Pod", "", "pods", { patchable: false }),
  Deployment: info("Deployment", "apps", "deployments"),
  ReplicaSet: info("ReplicaSet", "apps", "replicasets"),
  StatefulSet: info("StatefulSet", "apps", "statefulsets"),
  DaemonSet: info("DaemonSet", "apps", "daemonsets"),
  Job: info("Job", "batch", "jobs", { patchable: false }),
  CronJob: info("CronJob", "batch", "cronjobs"),
  ReplicationController: info("ReplicationController", "", "replicationcontrollers"),
  Namespace: info("Namespace", "", "namespaces", { namespaced: false, workload: false, patchable: false }),
  Node: info("Node", "", "nodes", { namespaced: false, workload: false, patchable: false }),
  LimitRange: info("LimitRange", "", "limitranges", { workload: false, patchable: false })
};
function isWatchedKind(kind) {
  return typeof kind === "string" && WATCHED_KINDS.includes(kind);
}

// agent-core/inventory/api-discovery.ts
async function getOrUndefined(kc, path3, timeoutMs) {
  try {
    return await kubeRequestJson(kc, { path: path3, timeoutMs });
  } catch (err) {
    if (err instanceof KubeHttpError && err.status === 404) return void 0;
    throw err;
  }
}
function groupVersions(groups, group) {
  const entry = groups.groups?.find((g) => g.name === group);
  if (!entry) return [];
  const listed = (entry.versions ?? []).map((v) => v.version);
  const preferred = entry.preferredVersion?.version;
  return preferred ? [preferred, ...listed.filter((v) => v !== preferred)] : listed;
}
var basePath = (group, version) => group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
async function discoverResources(kc, timeoutMs = 1e4) {
  const core = await getOrUndefined(kc, "/api", timeoutMs);
  const groups = await getOrUndefined(kc, "/apis", timeoutMs) ?? {};
  const served = /* @__PURE__ */ new Map();
  const byGroup = /* @__PURE__ */ new Map();
  for (const kind of WATCHED_KINDS) byGroup.set(KIND_INFO[kind].group, [...byGroup.get(KIND_INFO[kind].group) ?? [], KIND_INFO[kind]]);
  for (const [group, kinds] of byGroup) {
    const versions = group === "" ? core?.versions ?? [] : groupVersions(groups, group);
    for (const version of versions) {
      const missing = kinds.filter((k) => !served.has(k.kind));
      if (missing.length === 0) break;
      const list = await getOrUndefined(kc, basePath(group, version), timeoutMs);
      for (const info2 of missing) {
        const resource = list?.resources?.find((r) => r.name === info2.resource);
        const verbs = resource?.verbs ?? ["list", "watch"];
        if (!resource || !verbs.includes("list")) continue;
        served.set(info2.kind, {
          ...info2,
          version,
          apiVersion: group === "" ? version : `${group}/${version}`,
          collectionPath: `${basePath(group, version)}/${info2.resource}`
        });
      }
    }
  }
  return { served, unserved: WATCHED_KINDS.filter((k) => !served.has(k)) };
}

// agent-core/inventory/capabilities.ts
var NODE_PROXY = { verb: "get", group: "", resource: "nodes", subresource: "proxy" };
var check = (verb, kind) => ({ verb, group: KIND_INFO[kind].group, resource: KIND_INFO[kind].resource });
function accessChecks() {
  return [
    ...WATCHED_KINDS.flatMap((kind) => [check("list", kind), check("watch", kind)]),
    NODE_PROXY,
    ...WATCHED_KINDS.filter((kind) => KIND_INFO[kind].patchable).map((kind) => check("patch", kind))
  ];
}
function same(a, b) {
  return a.verb === b.verb && a.group === b.group && a.resource === b.resource && (a.subresource ?? "") === (b.subresource ?? "");
}
function assess(name, needed, results, impact) {
  const answers = needed.map((n) => results.find((r) => same(r, n)) ?? { ...n, allowed: void 0 });
  const denied = answers.filter((a) => a.allowed === false);
  const unknown = answers.filter((a) => a.allowed === void 0);
  if (denied.length > 0) {
    const all = denied.length === needed.length;
    return { name, status: all ? "denied" : "partial", missing: denied.map(describeCheck), impact: impact(denied, all) };
  }
  if (unknown.length > 0) return { name, status: "unknown", missing: unknown.map(describeCheck), impact: null };
  return { name, status: "available", missing: [], impact: null };
}
var kindsOf = (results) => [...new Set(results.map((r) => r.resource))].join(", ");
function assessCapabilities(results, relistIntervalMs = 3e5) {
  const listable = WATCHED_KINDS.map((kind) => check("list", kind));
  const watchable = WATCHED_KINDS.map((kind) => check("watch", kind));
  const patchable = WATCHED_KINDS.filter((kind) => KIND_INFO[kind].patchable).map((kind) => check("patch", kind));
  const minutes = Math.round(relistIntervalMs / 6e4);
  return [
    assess(
      "recommendations",
      listable,
      results,
      (denied) => denied.some((d) => d.resource === "pods") ? `No recommendations: without list on pods the agent cannot see what runs (also missing: ${kindsOf(denied)}).` : `No recommendations for what depends on ${kindsOf(denied)}: the agent cannot list them, so their pods are not tied to their workloads or defaults.`
    ),
    assess(
      "live-specs",
      watchable,
      results,
      (denied) => `Specs go stale: ${kindsOf(denied)} cannot be watched, so they are listed again every ${minutes} min instead and changes show up late.`
    ),
    assess(
      "metrics",
      [NODE_PROXY],
      results,
      () => "No metrics: CPU and memory usage are read from each kubelet through the API server\u2019s node proxy (get nodes/proxy), which is denied."
    ),
    assess(
      "automation",
      patchable,
      results,
      (denied, all) => all ? "No automation: recommendations can be previewed but not applied (patch on the workload kinds is denied)." : `No automation for ${kindsOf(denied)}: their recommendations can be previewed but not applied.`
    )
  ];
}
function withRuntimeDenial(results, denial, reason) {
  const found = results.some((r) => same(r, denial));
  const updated = results.map((r) => same(r, denial) ? { ...r, allowed: false, reason } : r);
  return found ? updated : [...updated, { ...denial, allowed: false, reason }];
}

// agent-core/inventory/entity-uuid.ts
import { createHash } from "node:crypto";
var CLUSTER_INSIGHT_NAMESPACE = "9b0e7b36-4a52-4d0f-9d39-6f1c2b8a5e71";
function uuidBytes(uuid) {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, "hex");
}
function format(bytes) {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
function uuidV5(name, namespace) {
  const hash = createHash("sha1").update(uuidBytes(namespace)).update(name, "utf8").digest().subarray(0, 16);
  hash[6] = hash[6] & 15 | 80;
  hash[8] = hash[8] & 63 | 128;
  return format(hash);
}
function clusterUuid(clusterIdentity) {
  return uuidV5(`cluster:${clusterIdentity}`, CLUSTER_INSIGHT_NAMESPACE);
}
function entityUuid(clusterNamespace, kind, uid) {
  return uuidV5(`${kind}/${uid}`, clusterNamespace);
}

// agent-core/inventory/kube-object.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// agent-core/contract/quantity.ts
var SUFFIX_FACTOR = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60
};
var QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/;
function parseQuantity(text2) {
  const match = QUANTITY.exec(text2.trim());
  if (!match) return Number.NaN;
  const [, number, exponent, suffix = ""] = match;
  if (exponent) return Number(`${number}${exponent}`);
  const factor = SUFFIX_FACTOR[suffix];
  return factor === void 0 ? Number.NaN : Number(number) * factor;
}
function sameQuantity(a, b) {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a === b;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

// agent-core/inventory/limit-range-defaults.ts
var NO_DEFAULTS = { requests: {}, limits: {} };
var LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";
function containerDefaults(limitRanges) {
  const defaults = { requests: {}, limits: {} };
  const byName = [...limitRanges].sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
  for (const limitRange of byName) {
    const items = isRecord(limitRange.spec) && Array.isArray(limitRange.spec.limits) ? limitRange.spec.limits : [];
    for (const item of items.filter((i) => i.type === "Container")) {
      for (const [name, value] of Object.entries(item.default ?? {})) defaults.limits[name] ??= value;
      for (const [name, value] of Object.entries(item.defaultRequest ?? {})) defaults.requests[name] ??= value;
    }
  }
  return defaults;
}
var fromSpec = (list) => Object.fromEntries(Object.entries(list ?? {}).map(([name, value]) => [name, { value, source: "spec" }]));
function templateContainerResources(container2, defaults) {
  const limits = fromSpec(container2.resources?.limits);
  const requests = fromSpec(container2.resources?.requests);
  for (const [name, limit] of Object.entries(limits)) requests[name] ??= { value: limit.value, source: "spec" };
  for (const [name, value] of Object.entries(defaults.limits)) limits[name] ??= { value, source: "limitrange-default" };
  for (const [name, value] of Object.entries(defaults.requests)) requests[name] ??= { value, source: "limitrange-default" };
  return { requests, limits };
}
function parseLimitRangerAnnotation(text2) {
  const byContainer = /* @__PURE__ */ new Map();
  if (!text2) return byContainer;
  const body = text2.replace(/^.*?plugin set:\s*/, "");
  for (const part of body.split(";")) {
    const match = /^\s*(.+?)\s+(request|limit) for (init container|container) (\S+)\s*$/.exec(part);
    if (!match) continue;
    const [, names, which, role, container2] = match;
    const key = containerKey(container2, role === "init container");
    const entry = byContainer.get(key) ?? { requests: /* @__PURE__ */ new Set(), limits: /* @__PURE__ */ new Set() };
    for (const name of names.split(",")) (which === "request" ? entry.requests : entry.limits).add(name.trim());
    byContainer.set(key, entry);
  }
  return byContainer;
}
var containerKey = (name, init) => `${init ? "init:" : ""}${name}`;
function markList(values2, annotated, templateHas, defaults, hasTemplate) {
  for (const [name, entry] of Object.entries(values2)) {
    const viaAnnotation = annotated?.has(name) ?? false;
    const viaTemplate = hasTemplate && !templateHas(name) && defaults[name] !== void 0 && sameQuantity(defaults[name], entry.value);
    if (viaAnnotation || viaTemplate) values2[name] = { ...entry, source: "limitrange-default" };
  }
}
function podContainerResources(container2, evidence) {
  const requests = fromSpec(container2.resources?.requests);
  const limits = fromSpec(container2.resources?.limits);
  const template = evidence.template;
  const templateRequest = (name) => template?.resources?.requests?.[name] !== void 0 || template?.resources?.limits?.[name] !== void 0;
  const templateLimit = (name) => template?.resources?.limits?.[name] !== void 0;
  markList(requests, evidence.annotated?.requests, templateRequest, evidence.defaults.requests, template !== void 0);
  markList(limits, evidence.annotated?.limits, templateLimit, evidence.defaults.limits, template !== void 0);
  return { requests, limits };
}

// agent-core/inventory/qos.ts
var QOS_RESOURCES = ["cpu", "memory"];
function addPositive(sums, list, found) {
  for (const name of QOS_RESOURCES) {
    const text2 = list[name];
    if (text2 === void 0) continue;
    const amount = parseQuantity(text2);
    if (!(amount > 0)) continue;
    found?.add(name);
    sums.set(name, (sums.get(name) ?? 0) + amount);
  }
}
function qosClass(containers) {
  const requests = /* @__PURE__ */ new Map();
  const limits = /* @__PURE__ */ new Map();
  let guaranteed = true;
  for (const container2 of containers) {
    addPositive(requests, container2.requests);
    const limitsFound = /* @__PURE__ */ new Set();
    addPositive(limits, container2.limits, limitsFound);
    if (!QOS_RESOURCES.every((r) => limitsFound.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (limit === void 0 || Math.abs(limit - request) > 1e-9 * Math.max(1, limit)) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}

// agent-core/inventory/container-views.ts
function podTemplateSpec(object) {
  const spec = object.spec;
  if (!isRecord(spec)) return void 0;
  const template = object.kind === "CronJob" && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec.template;
  return isRecord(template) && isRecord(template.spec) ? template.spec : void 0;
}
function containersOf(spec) {
  return [
    ...(spec.initContainers ?? []).map((container2) => ({ container: container2, init: true })),
    ...(spec.containers ?? []).map((container2) => ({ container: container2, init: false }))
  ];
}
function values(list) {
  return Object.fromEntries(Object.entries(list).map(([name, v]) => [name, v.value]));
}
function qosOfViews(views) {
  return qosClass(views.map((v) => ({ requests: values(v.requests), limits: values(v.limits) })));
}
function templateContainerViews(spec, defaults) {
  return containersOf(spec).map(({ container: container2, init }) => ({
    name: container2.name,
    ...container2.image ? { image: container2.image } : {},
    init,
    ...templateContainerResources(container2, defaults)
  }));
}
function lastTermination(status) {
  const terminated = status?.state?.terminated ?? status?.lastState?.terminated;
  return {
    ...terminated?.reason ? { lastTerminationReason: terminated.reason } : {},
    ...terminated?.finishedAt ? { lastTerminatedAt: terminated.finishedAt } : {}
  };
}
function podContainerViews(pod, template, defaults) {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const status = isRecord(pod.status) ? pod.status : {};
  const annotated = parseLimitRangerAnnotation(pod.metadata?.annotations?.[LIMIT_RANGER_ANNOTATION]);
  const statuses = new Map([
    ...(status.initContainerStatuses ?? []).map((s) => [containerKey(s.name, true), s]),
    ...(status.containerStatuses ?? []).map((s) => [containerKey(s.name, false), s])
  ]);
  const templateContainers = new Map(template ? containersOf(template).map(({ container: container2, init }) => [containerKey(container2.name, init), container2]) : []);
  return containersOf(spec).map(({ container: container2, init }) => {
    const key = containerKey(container2.name, init);
    const containerStatus = statuses.get(key);
    return {
      name: container2.name,
      ...container2.image ? { image: container2.image } : {},
      init,
      ...podContainerResources(container2, { annotated: annotated.get(key), template: templateContainers.get(key), defaults }),
      restarts: containerStatus?.restartCount ?? 0,
      ...lastTermination(containerStatus)
    };
  });
}

// agent-core/inventory/owner-chain.ts
var MAX_DEPTH = 8;
function controllerReference(object) {
  const refs = object.metadata?.ownerReferences ?? [];
  return refs.find((r) => r.controller === true) ?? (refs.length === 1 ? refs[0] : void 0);
}
function ownerChain(object, lookup, uuidOf) {
  const chain = [];
  const seen = new Set(object.metadata?.uid ? [object.metadata.uid] : []);
  let current = object;
  while (current && chain.length < MAX_DEPTH) {
    const ref = controllerReference(current);
    if (!ref || seen.has(ref.uid)) break;
    seen.add(ref.uid);
    const owner2 = lookup(ref.uid);
    chain.push({ kind: ref.kind, name: ref.name, uid: ref.uid, uuid: uuidOf(ref.kind, ref.uid), known: owner2 !== void 0 });
    current = owner2;
  }
  return chain;
}

// agent-core/inventory/subscribers.ts
var Subscribers = class {
  constructor(onListenerError = (err) => console.error("inventory listener failed:", err)) {
    this.onListenerError = onListenerError;
  }
  onListenerError;
  listeners = /* @__PURE__ */ new Set();
  subscribe(listener) {
    const own = (event) => listener(event);
    this.listeners.add(own);
    return () => this.listeners.delete(own);
  }
  emit(event) {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
};

// agent-core/inventory/inventory-model.ts
var QOS_CLASSES = /* @__PURE__ */ new Set(["Guaranteed", "Burstable", "BestEffort"]);
function derived(entity) {
  return JSON.stringify([entity.ownerChain, entity.containers, entity.qosClass]);
}
var InventoryModel = class {
  constructor(clusterNamespace, onListenerError) {
    this.clusterNamespace = clusterNamespace;
    this.changes = new Subscribers(onListenerError);
  }
  clusterNamespace;
  objects = /* @__PURE__ */ new Map();
  views = /* @__PURE__ */ new Map();
  childrenOf = /* @__PURE__ */ new Map();
  byNamespace = /* @__PURE__ */ new Map();
  changes;
  subscribe(listener) {
    return this.changes.subscribe(listener);
  }
  entities() {
    return [...this.views.values()];
  }
  entity(uid) {
    return this.views.get(uid);
  }
  uuidOf(kind, uid) {
    return entityUuid(this.clusterNamespace, kind, uid);
  }
  /** The reflector's view of this model for one kind. */
  storeFor(kind) {
    return {
      replace: (objects) => this.replace(kind, objects),
      apply: (type, object) => type === "DELETED" ? this.remove(object) : this.upsert(object, false)
    };
  }
  replace(kind, objects) {
    const fresh = new Set(objects.map((o) => o.metadata?.uid).filter((uid) => Boolean(uid)));
    for (const [uid, existing] of this.objects) if (existing.kind === kind && !fresh.has(uid)) this.remove(existing);
    for (const object of objects) this.upsert(object, true);
  }
  upsert(object, skipUnchanged) {
    const uid = object.metadata?.uid;
    if (!uid || !isWatchedKind(object.kind)) return;
    const previous = this.objects.get(uid);
    if (skipUnchanged && previous && previous.metadata?.resourceVersion === object.metadata?.resourceVersion) return;
    if (previous) this.unindex(uid, previous);
    this.objects.set(uid, object);
    this.index(uid, object);
    const entity = this.buildView(object);
    this.views.set(uid, entity);
    this.changes.emit({ type: previous ? "modified" : "added", entity });
    this.refreshDependents(object);
  }
  remove(object) {
    const uid = object.metadata?.uid;
    const previous = uid ? this.objects.get(uid) : void 0;
    if (!uid || !previous) return;
    this.unindex(uid, previous);
    this.objects.delete(uid);
    this.views.delete(uid);
    const last = isWatchedKind(object.kind) ? object : previous;
    this.changes.emit({ type: "deleted", entity: this.buildView(last) });
    this.refreshDependents(previous);
  }
  index(uid, object) {
    for (const ref of object.metadata?.ownerReferences ?? []) {
      const children = this.childrenOf.get(ref.uid) ?? /* @__PURE__ */ new Set();
      children.add(uid);
      this.childrenOf.set(ref.uid, children);
    }
    const namespace = object.metadata?.namespace;
    if (namespace) this.byNamespace.set(namespace, (this.byNamespace.get(namespace) ?? /* @__PURE__ */ new Set()).add(uid));
  }
  unindex(uid, object) {
    for (const ref of object.metadata?.ownerReferences ?? []) this.childrenOf.get(ref.uid)?.delete(uid);
    const namespace = object.metadata?.namespace;
    if (namespace) this.byNamespace.get(namespace)?.delete(uid);
  }
  /** Entities whose view depends on this object: its descendants, and for a LimitRange everything in its namespace. */
  refreshDependents(object) {
    const pending = [];
    if (object.kind === "LimitRange" && object.metadata?.namespace) pending.push(...this.byNamespace.get(object.metadata.namespace) ?? []);
    else pending.push(...object.metadata?.uid ? this.childrenOf.get(object.metadata.uid) ?? [] : []);
    const visited = /* @__PURE__ */ new Set();
    while (pending.length > 0) {
      const uid = pending.pop();
      if (visited.has(uid)) continue;
      visited.add(uid);
      const dependent = this.objects.get(uid);
      const before = this.views.get(uid);
      if (!dependent || !before) continue;
      const after = this.buildView(dependent);
      if (derived(after) === derived(before)) continue;
      this.views.set(uid, after);
      this.changes.emit({ type: "modified", entity: after });
      pending.push(...this.childrenOf.get(uid) ?? []);
    }
  }
  defaultsIn(namespace) {
    if (!namespace) return NO_DEFAULTS;
    const limitRanges = [...this.byNamespace.get(namespace) ?? []].map((uid) => this.objects.get(uid)).filter((o) => o?.kind === "LimitRange");
    return limitRanges.length === 0 ? NO_DEFAULTS : containerDefaults(limitRanges);
  }
  buildView(object) {
    const kind = object.kind;
    const metadata = object.metadata ?? {};
    const uid = metadata.uid ?? "";
    const chain = ownerChain(object, (ownerUid) => this.objects.get(ownerUid), (k, u) => this.uuidOf(k, u));
    const defaults = this.defaultsIn(metadata.namespace);
    const entity = {
      uuid: this.uuidOf(kind, uid),
      uid,
      kind,
      apiVersion: object.apiVersion ?? "",
      ...metadata.namespace ? { namespace: metadata.namespace } : {},
      name: metadata.name ?? "",
      resourceVersion: metadata.resourceVersion ?? "",
      labels: { ...metadata.labels ?? {} },
      ownerChain: chain,
      ...chain.length > 0 ? { controller: chain[chain.length - 1] } : {},
      containers: [],
      object
    };
    if (kind === "Pod") {
      const owner2 = chain[0]?.known ? this.objects.get(chain[0].uid) : void 0;
      entity.containers = podContainerViews(object, owner2 && podTemplateSpec(owner2), defaults);
      const status = isRecord(object.status) ? object.status : {};
      entity.qosClass = status.qosClass && QOS_CLASSES.has(status.qosClass) ? status.qosClass : qosOfViews(entity.containers);
      const nodeName = isRecord(object.spec) && typeof object.spec.nodeName === "string" ? object.spec.nodeName : void 0;
      if (nodeName) entity.nodeName = nodeName;
      if (status.phase) entity.phase = status.phase;
    } else {
      const template = podTemplateSpec(object);
      if (template) {
        entity.containers = templateContainerViews(template, defaults);
        entity.qosClass = qosOfViews(entity.containers);
      }
    }
    return entity;
  }
};

// agent-core/inventory/inventory-listing.ts
var owner = ({ kind, name, uid, uuid }) => ({ kind, name, uid, uuid });
function container(c) {
  return {
    name: c.name,
    init: c.init,
    requests: c.requests,
    limits: c.limits,
    ...c.restarts === void 0 ? {} : { restarts: c.restarts },
    ...c.lastTerminationReason ? { lastTerminationReason: c.lastTerminationReason } : {}
  };
}
var kindOrder = (kind) => WATCHED_KINDS.indexOf(kind);
function listEntities(entities) {
  return [...entities].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name)).map((e) => ({
    kind: e.kind,
    namespace: e.namespace ?? null,
    name: e.name,
    uid: e.uid,
    uuid: e.uuid,
    ownerChain: e.ownerChain.map(owner),
    controller: e.controller ? owner(e.controller) : null,
    qosClass: e.qosClass ?? null,
    containers: e.containers.map(container)
  }));
}

// agent-core/inventory/masking.ts
var MASK = "****";
var LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
var CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"];
function podSpecsOf(object) {
  const spec = object.spec;
  if (!isRecord(spec)) return [];
  const templateSpec = (template) => isRecord(template) && isRecord(template.spec) ? [template.spec] : [];
  switch (object.kind) {
    case "Pod":
      return [spec];
    case "CronJob": {
      const jobTemplate = spec.jobTemplate;
      return isRecord(jobTemplate) && isRecord(jobTemplate.spec) ? templateSpec(jobTemplate.spec.template) : [];
    }
    default:
      return templateSpec(spec.template);
  }
}
function maskContainer(container2) {
  const masked = { ...container2 };
  if (Array.isArray(container2.env)) {
    masked.env = container2.env.map((variable) => variable.value === void 0 ? { ...variable } : { ...variable, value: MASK });
  }
  if (Array.isArray(container2.args)) masked.args = container2.args.map(() => MASK);
  if (Array.isArray(container2.command)) masked.command = container2.command.map((part, i) => i === 0 ? part : MASK);
  return masked;
}
function maskPodSpec(spec) {
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (Array.isArray(containers)) spec[list] = containers.map((c) => isRecord(c) ? maskContainer(c) : c);
  }
}
function copy(value) {
  return structuredClone(value);
}
function maskObject(object) {
  const masked = copy(object);
  const metadata = masked.metadata;
  if (metadata) {
    delete metadata.managedFields;
    if (metadata.annotations && LAST_APPLIED_ANNOTATION in metadata.annotations) {
      metadata.annotations = { ...metadata.annotations, [LAST_APPLIED_ANNOTATION]: MASK };
    }
  }
  for (const spec of podSpecsOf(masked)) maskPodSpec(spec);
  return masked;
}

// agent-core/inventory/abortable-sleep.ts
function abortableSleep(ms, signal) {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

// agent-core/inventory/backoff.ts
var Backoff = class {
  initialMs;
  capMs;
  factor;
  jitter;
  resetAfterMs;
  maxRetryAfterMs;
  random;
  now;
  failures = 0;
  lastFailureAt = -Infinity;
  constructor(options = {}) {
    this.initialMs = options.initialMs ?? 800;
    this.capMs = options.capMs ?? 3e4;
    this.factor = options.factor ?? 2;
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0.25));
    this.resetAfterMs = options.resetAfterMs ?? 12e4;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 3e5;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }
  /** Records a failure and answers how long to wait before the next attempt; a server's Retry-After is a floor. */
  nextDelayMs(retryAfterMs2) {
    const now = this.now();
    if (now - this.lastFailureAt > this.resetAfterMs) this.failures = 0;
    this.lastFailureAt = now;
    const nominal = Math.min(this.capMs, this.initialMs * this.factor ** this.failures);
    this.failures++;
    const delay = nominal * (1 - this.jitter * this.random());
    return retryAfterMs2 === void 0 ? delay : Math.max(delay, Math.min(retryAfterMs2, this.maxRetryAfterMs));
  }
};

// agent-core/inventory/kube-stream.ts
import http2 from "node:http";
import https2 from "node:https";
var KubeApiError = class extends KubeHttpError {
  constructor(status, method, path3, detail, reason, retryAfterMs2) {
    super(status, method, path3, detail);
    this.reason = reason;
    this.retryAfterMs = retryAfterMs2;
    this.name = "KubeApiError";
  }
  reason;
  retryAfterMs;
};
var StreamAbortedError = class extends Error {
  constructor() {
    super("stopped");
    this.name = "AbortError";
  }
};
function retryAfterMs(header, status, now = Date.now()) {
  if (header !== void 0 && header.trim() !== "") {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1e3;
    const at2 = Date.parse(header);
    if (Number.isFinite(at2)) return Math.max(0, at2 - now);
  }
  const fromStatus2 = status?.details?.retryAfterSeconds;
  return typeof fromStatus2 === "number" && fromStatus2 >= 0 ? fromStatus2 * 1e3 : void 0;
}
function parseStatus(body) {
  try {
    const parsed = JSON.parse(body);
    return isRecord(parsed) ? parsed : void 0;
  } catch {
    return void 0;
  }
}
function readBody(res) {
  return new Promise((resolve, reject) => {
    let text2 = "";
    res.setEncoding("utf8");
    res.on("data", (chunk) => text2 += chunk);
    res.on("end", () => resolve(text2));
    res.on("error", reject);
    res.on("close", () => {
      if (!res.complete) reject(Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" }));
    });
  });
}
async function apiError(res, path3) {
  const body = await readBody(res).catch(() => "");
  const status = parseStatus(body);
  const header = res.headers["retry-after"];
  return new KubeApiError(
    res.statusCode ?? 0,
    "GET",
    path3,
    status?.message ?? body.trim().slice(0, 200),
    status?.reason,
    retryAfterMs(Array.isArray(header) ? header[0] : header, status)
  );
}
async function openKubeStream(kc, request) {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`the KubeConfig has no cluster for context "${kc.getCurrentContext()}"`);
  if (request.signal?.aborted) throw new StreamAbortedError();
  const opts = {
    method: "GET",
    headers: { Accept: "application/json", "User-Agent": "cluster-insight" },
    rejectUnauthorized: !cluster.skipTLSVerify
  };
  await kc.applyToHTTPSOptions(opts);
  if (request.signal?.aborted) throw new StreamAbortedError();
  const url = new URL(cluster.server + request.path);
  const transport = url.protocol === "http:" ? http2 : https2;
  const finished = startApiExchange(kc, "GET", request.path, /[?&]watch=(1|true)/.test(request.path));
  let answered = 0;
  let failure;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, opts);
    const onAbort = () => req.destroy(new StreamAbortedError());
    const timer = setTimeout(() => req.destroy(new RequestTimeoutError(request.deadlineMs, url.origin)), request.deadlineMs);
    request.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("close", () => {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      finished(answered, failure);
    });
    req.on("socket", (socket) => socket.setKeepAlive(true, 3e4));
    req.on("error", (err) => {
      failure = err.message;
      reject(err);
    });
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      answered = status;
      if (status >= 200 && status < 300) resolve(res);
      else apiError(res, request.path).then(reject, reject);
    });
    req.end();
  });
}
async function getKubeJson(kc, request) {
  const res = await openKubeStream(kc, request);
  const body = await readBody(res);
  try {
    return JSON.parse(body);
  } catch {
    throw new KubeApiError(res.statusCode ?? 0, "GET", request.path, `not JSON: ${body.trim().slice(0, 200)}`, void 0, void 0);
  }
}

// agent-core/inventory/list-pager.ts
function isExpired(err) {
  return err instanceof KubeApiError && (err.status === 410 || err.reason === "Expired" || err.reason === "Gone");
}
function withQuery(path3, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== void 0) params.set(key, String(value));
  const text2 = params.toString();
  return text2 ? `${path3}?${text2}` : path3;
}
async function listOnce(kc, path3, options, pageSize) {
  const items = [];
  let token;
  let resourceVersion = "";
  do {
    const page = await getKubeJson(kc, {
      path: withQuery(path3, { limit: pageSize, continue: token }),
      deadlineMs: options.pageDeadlineMs ?? 6e4,
      signal: options.signal
    });
    items.push(...page.items ?? []);
    resourceVersion = page.metadata?.resourceVersion ?? "";
    token = page.metadata?.continue || void 0;
    options.onPage?.(items.length, page.metadata?.remainingItemCount);
  } while (token);
  return { items, resourceVersion };
}
async function listAllPages(kc, path3, options) {
  const pageSize = options.pageSize ?? 500;
  const maxRestarts = options.maxExpiredRestarts ?? 3;
  for (let expired = 0; ; expired++) {
    try {
      return await listOnce(kc, path3, options, expired < maxRestarts ? pageSize : void 0);
    } catch (err) {
      if (!isExpired(err) || expired >= maxRestarts) throw err;
    }
  }
}

// agent-core/inventory/ndjson-lines.ts
import { StringDecoder } from "node:string_decoder";
var NdjsonLineSplitter = class {
  decoder = new StringDecoder("utf8");
  partial = "";
  /** The lines this chunk completes, without their line ends; blank lines (keep-alives) are dropped. */
  push(chunk) {
    this.partial += typeof chunk === "string" ? chunk : this.decoder.write(chunk);
    const lastBreak = this.partial.lastIndexOf("\n");
    if (lastBreak < 0) return [];
    const complete = this.partial.slice(0, lastBreak);
    this.partial = this.partial.slice(lastBreak + 1);
    return complete.split("\n").map(trimCarriageReturn).filter((line) => line.trim() !== "");
  }
  /** At the end of the stream: a last line that had no line end, if any. */
  end() {
    const rest = trimCarriageReturn(this.partial + this.decoder.end());
    this.partial = "";
    return rest.trim() === "" ? void 0 : rest;
  }
};
function trimCarriageReturn(line) {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

// agent-core/inventory/watch-stream.ts
var EVENT_TYPES = /* @__PURE__ */ new Set(["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"]);
function parseWatchEvent(line) {
  const parsed = JSON.parse(line);
  if (!isRecord(parsed) || typeof parsed.type !== "string" || !EVENT_TYPES.has(parsed.type) || !isRecord(parsed.object)) {
    throw new Error(`not a watch event: ${line.slice(0, 200)}`);
  }
  return parsed;
}
async function streamWatch(kc, request) {
  const res = await openKubeStream(kc, { path: request.path, deadlineMs: request.deadlineMs, signal: request.signal });
  request.onOpen?.();
  const splitter = new NdjsonLineSplitter();
  let events = 0;
  return new Promise((resolve) => {
    let ended;
    const finish = (end) => {
      if (ended) return;
      ended = end;
      res.destroy();
      resolve(end);
    };
    const handle = (line) => {
      let event;
      try {
        event = parseWatchEvent(line);
      } catch (err) {
        finish({ how: "undecodable", events, error: err instanceof Error ? err : new Error(String(err)) });
        return;
      }
      events++;
      try {
        if (request.onEvent(event) === "stop") finish({ how: "ended-by-consumer", events });
      } catch (error) {
        finish({ how: "consumer-failed", events, error });
      }
    };
    res.on("data", (chunk) => {
      for (const line of splitter.push(chunk)) {
        if (ended) return;
        handle(line);
      }
    });
    res.on("end", () => {
      const last = splitter.end();
      if (last !== void 0 && !ended) handle(last);
      finish({ how: "closed", events });
    });
    res.on("error", (error) => finish(request.signal.aborted ? { how: "ended-by-consumer", events } : { how: "dropped", events, error }));
    res.on("close", () => {
      if (request.signal.aborted) finish({ how: "ended-by-consumer", events });
      else if (!res.complete) finish({ how: "dropped", events, error: new Error("the watch connection closed mid-stream") });
    });
  });
}

// agent-core/inventory/reflector.ts
var SHORT_WATCH_MS = 1e3;
var WatchError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
  status;
};
var WatchExpired = class extends WatchError {
  constructor(status) {
    super(status.message ?? "the watch resourceVersion is too old (410 Gone)", 410);
  }
};
function describeError(err) {
  if (err instanceof KubeApiError) return { message: err.message, status: err.status };
  if (err instanceof WatchError) return { message: err.message, ...err.status === void 0 ? {} : { status: err.status } };
  return { message: err instanceof Error ? err.message : String(err) };
}
var isForbidden = (err) => err instanceof KubeApiError && err.status === 403;
var isTooLargeResourceVersion = (err) => err instanceof KubeApiError && /too large resource version/i.test(err.detail);
var Reflector = class {
  constructor(options) {
    this.options = options;
    this.backoff = new Backoff(options.backoff);
    this.needsList = options.resumeFrom === void 0;
    this.status = {
      kind: options.resource.kind,
      apiVersion: options.resource.apiVersion,
      state: "listing",
      listed: 0,
      synced: false,
      watchAllowed: options.watch ?? true,
      relists: 0,
      resourceVersion: options.resumeFrom ?? ""
    };
  }
  options;
  abort = new AbortController();
  backoff;
  status;
  running;
  needsList;
  start() {
    this.running ??= this.run();
  }
  /** Ends the LIST or WATCH in flight and any wait; resolves once nothing of this reflector runs. */
  async stop() {
    this.abort.abort();
    await this.running;
    this.update({ state: "stopped" });
  }
  snapshot() {
    return { ...this.status, ...this.status.lastError ? { lastError: { ...this.status.lastError } } : {} };
  }
  get stopped() {
    return this.abort.signal.aborted;
  }
  update(change) {
    Object.assign(this.status, change);
    if (change.lastError === void 0 && "lastError" in change) delete this.status.lastError;
    try {
      this.options.onStatus?.(this.snapshot());
    } catch {
    }
  }
  async run() {
    while (!this.stopped) {
      try {
        if (this.needsList) await this.list();
        if (this.stopped) break;
        if (this.status.watchAllowed) await this.watch();
        else await this.waitToRelist();
      } catch (err) {
        if (this.stopped) break;
        await this.recover(err);
      }
    }
  }
  decode(object) {
    const typed = { ...object, apiVersion: this.options.resource.apiVersion, kind: this.options.resource.kind };
    return this.options.transform ? this.options.transform(typed) : typed;
  }
  async list() {
    this.update({ state: "listing", listed: 0, remaining: void 0 });
    const { items, resourceVersion } = await listAllPages(this.options.kubeConfig, this.options.resource.collectionPath, {
      pageSize: this.options.pageSize,
      signal: this.abort.signal,
      onPage: (listed, remaining) => this.update({ listed, remaining })
    });
    if (this.stopped) return;
    this.options.store.replace(items.map((item) => this.decode(item)), resourceVersion);
    this.needsList = false;
    this.update({
      listed: items.length,
      remaining: void 0,
      synced: true,
      resourceVersion,
      relists: this.status.synced ? this.status.relists + 1 : this.status.relists,
      lastError: void 0
    });
  }
  async waitToRelist() {
    this.update({ state: "relisting-periodically" });
    await abortableSleep(this.options.relistIntervalMs ?? 3e5, this.abort.signal);
    this.needsList = true;
  }
  watchPath(timeoutSeconds) {
    const query = new URLSearchParams({
      watch: "1",
      resourceVersion: this.status.resourceVersion,
      allowWatchBookmarks: "true",
      timeoutSeconds: String(timeoutSeconds)
    });
    return `${this.options.resource.collectionPath}?${query}`;
  }
  /** One watch, until it ends; a watch that ends quickly without events counts as a failure (backoff). */
  async watch() {
    const timeoutSeconds = Math.round(this.options.watchTimeoutSeconds?.() ?? 300 * (1 + Math.random()));
    const started = Date.now();
    let expired;
    let failed;
    this.update({ state: "watching" });
    const end = await streamWatch(this.options.kubeConfig, {
      path: this.watchPath(timeoutSeconds),
      onOpen: () => this.status.lastError && this.update({ lastError: void 0 }),
      deadlineMs: timeoutSeconds * 1e3 + (this.options.watchDeadlineGraceMs ?? 3e4),
      signal: this.abort.signal,
      onEvent: (event) => {
        if (event.type === "ERROR") {
          if (event.object.code === 410 || event.object.reason === "Expired" || event.object.reason === "Gone") expired = event.object;
          else failed = event.object;
          return "stop";
        }
        const resourceVersion = event.object.metadata?.resourceVersion;
        if (event.type !== "BOOKMARK") this.options.store.apply(event.type, this.decode(event.object));
        if (resourceVersion) this.status.resourceVersion = resourceVersion;
      }
    });
    if (this.stopped) return;
    if (expired) throw new WatchExpired(expired);
    if (failed) throw new WatchError(`the watch reported an error: ${failed.message ?? failed.reason ?? "unknown"}`, failed.code);
    if (end.how === "undecodable" || end.how === "consumer-failed") throw end.error;
    if (end.events === 0 && Date.now() - started < SHORT_WATCH_MS) {
      throw new WatchError(end.how === "dropped" ? `the watch connection dropped at once: ${describeError(end.error).message}` : "the watch ended at once without events");
    }
  }
  async recover(err) {
    const lastError = describeError(err);
    if (err instanceof WatchExpired || isExpired(err) || isTooLargeResourceVersion(err)) {
      this.needsList = true;
    } else if (isForbidden(err) && !this.needsList) {
      this.update({ watchAllowed: false, lastError });
      return;
    }
    const retryAfter = err instanceof KubeApiError ? err.retryAfterMs : void 0;
    const forbidden = isForbidden(err);
    this.update({ state: forbidden ? "forbidden" : "backing-off", lastError });
    const delay = this.backoff.nextDelayMs(retryAfter);
    await abortableSleep(forbidden ? Math.max(delay, this.options.forbiddenRetryMs ?? 3e5) : delay, this.abort.signal);
  }
};

// agent-core/inventory/inventory.ts
var isSettled = (k) => k.synced || k.state === "forbidden" || k.state === "not-served";
async function defaultClusterIdentity(kc, timeoutMs) {
  try {
    const ns = await kubeRequestJson(kc, { path: "/api/v1/namespaces/kube-system", timeoutMs });
    if (ns.metadata?.uid) return `kube-system:${ns.metadata.uid}`;
  } catch {
  }
  return `server:${kc.getCurrentCluster()?.server ?? ""}`;
}
function fromStatus(status) {
  const { kind, apiVersion, state, listed, remaining, synced, watchAllowed, relists, lastError } = status;
  return { kind, apiVersion, state, listed, ...remaining === void 0 ? {} : { remaining }, synced, watchAllowed, relists, ...lastError ? { lastError } : {} };
}
async function startInventory(options) {
  const kc = options.kubeConfig;
  const timeoutMs = options.requestTimeoutMs ?? 1e4;
  const discovered = await discoverResources(kc, timeoutMs);
  const clusterIdentity = options.clusterIdentity ?? await defaultClusterIdentity(kc, timeoutMs);
  let access = await reviewAccess(kc, accessChecks(), timeoutMs);
  const relistIntervalMs = options.reflector?.relistIntervalMs ?? 3e5;
  let report = { checks: access, capabilities: assessCapabilities(access, relistIntervalMs) };
  const events = new Subscribers(options.onListenerError);
  const model = new InventoryModel(clusterUuid(clusterIdentity), options.onListenerError);
  model.subscribe((change) => events.emit(change));
  const progress = new Map(
    discovered.unserved.map((kind) => [kind, { kind, apiVersion: null, state: "not-served", listed: 0, synced: false, watchAllowed: false, relists: 0 }])
  );
  const settledWaiters = /* @__PURE__ */ new Set();
  const allSettled = () => WATCHED_KINDS.every((kind) => progress.get(kind) && isSettled(progress.get(kind)));
  const recordDenial = (kind, verb, reason) => {
    const denial = { verb, group: KIND_INFO[kind].group, resource: KIND_INFO[kind].resource };
    if (access.some((a) => a.verb === verb && a.group === denial.group && a.resource === denial.resource && a.allowed === false)) return;
    access = withRuntimeDenial(access, denial, reason);
    report = { checks: access, capabilities: assessCapabilities(access, relistIntervalMs) };
    events.emit({ type: "capabilities", report });
  };
  const onStatus = (status) => {
    const previous = progress.get(status.kind);
    const current = fromStatus(status);
    progress.set(status.kind, current);
    if (status.state === "forbidden") recordDenial(status.kind, "list", status.lastError?.message ?? "403 Forbidden");
    if (previous?.watchAllowed && !status.watchAllowed) recordDenial(status.kind, "watch", status.lastError?.message ?? "403 Forbidden");
    const settledNow = allSettled();
    events.emit({ type: "sync", kind: status.kind, progress: current, allSettled: settledNow });
    if (settledNow) for (const wake of settledWaiters) wake();
  };
  const reflectors = [...discovered.served.values()].map((resource) => {
    const watchReview = access.find((a) => a.verb === "watch" && a.resource === resource.resource && a.group === resource.group);
    const reflector = new Reflector({
      ...options.reflector,
      kubeConfig: kc,
      resource,
      store: model.storeFor(resource.kind),
      transform: maskObject,
      watch: watchReview?.allowed !== false,
      onStatus
    });
    progress.set(resource.kind, fromStatus(reflector.snapshot()));
    return reflector;
  });
  for (const reflector of reflectors) reflector.start();
  let stopped = false;
  return {
    clusterIdentity,
    capabilities: () => report,
    entities: () => model.entities(),
    entity: (uid) => model.entity(uid),
    toJson: () => listEntities(model.entities()),
    syncProgress: () => WATCHED_KINDS.map((kind) => progress.get(kind)).filter(Boolean),
    settled: allSettled,
    waitUntilSettled(waitMs = 12e4) {
      if (allSettled()) return Promise.resolve();
      if (stopped) return Promise.reject(new Error("the inventory was stopped"));
      return new Promise((resolve, reject) => {
        const done = (err) => {
          clearTimeout(timer);
          settledWaiters.delete(wake);
          if (err) reject(err);
          else resolve();
        };
        const wake = () => stopped ? done(new Error("the inventory was stopped before it settled")) : allSettled() && done();
        const timer = setTimeout(() => {
          const pending = WATCHED_KINDS.filter((kind) => !isSettled(progress.get(kind))).join(", ");
          done(new Error(`the inventory did not settle within ${waitMs / 1e3} s (still syncing: ${pending})`));
        }, waitMs);
        settledWaiters.add(wake);
      });
    },
    subscribe: (listener) => events.subscribe(listener),
    async stop() {
      stopped = true;
      await Promise.all(reflectors.map((r) => r.stop()));
      for (const wake of settledWaiters) wake();
    }
  };
}

// bench/api-client.ts
import https3 from "node:https";
var ApiClient = class {
  constructor(kc, maxSockets = 32) {
    this.kc = kc;
    this.maxSockets = maxSockets;
  }
  kc;
  maxSockets;
  agent;
  base;
  async options() {
    if (!this.base) {
      const opts = { headers: {} };
      await this.kc.applyToHTTPSOptions(opts);
      this.agent = new https3.Agent({ keepAlive: true, maxSockets: this.maxSockets, ca: opts.ca, cert: opts.cert, key: opts.key });
      this.base = { ...opts, agent: this.agent };
    }
    return this.base;
  }
  async request(method, path3, body) {
    const base = await this.options();
    const headers = { ...base.headers, accept: "application/json", ...body === void 0 ? {} : { "content-type": "application/json" } };
    return new Promise((resolve, reject) => {
      const req = https3.request(new URL(this.kc.getCurrentCluster().server + path3), { ...base, method, headers }, (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end(body === void 0 ? void 0 : JSON.stringify(body));
    });
  }
  async getJson(path3) {
    const answer = await this.request("GET", path3);
    if (answer.status !== 200) throw new Error(`GET ${path3}: HTTP ${answer.status}: ${answer.body.toString("utf8").slice(0, 300)}`);
    return JSON.parse(answer.body.toString("utf8"));
  }
  /** Creates an object; retries what a fresh namespace answers while its service account token is missing, and 429s. */
  async create(path3, obj, deadline = Date.now() + 12e4) {
    for (; ; ) {
      const answer = await this.request("POST", path3, obj);
      if (answer.status >= 200 && answer.status < 300) return;
      const text2 = answer.body.toString("utf8");
      const retryable = answer.status === 429 || answer.status >= 500 || /token|service ?account/i.test(text2);
      if (!retryable || Date.now() > deadline) throw new Error(`POST ${path3}: HTTP ${answer.status}: ${text2.slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  close() {
    this.agent?.destroy();
  }
};

// bench/child-side.ts
function childInput() {
  const text2 = process.argv[2];
  if (!text2) throw new Error("a bench child expects its input as JSON in argv[2] (start it with runChild)");
  return JSON.parse(text2);
}
function reportResult(result) {
  if (!process.send) {
    console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  }
  process.send({ type: "result", result }, () => process.exit(0));
}
function runAsChild(main) {
  main().then(reportResult, (err) => {
    console.error(err);
    process.exit(1);
  });
}

// bench/measure.ts
import { performance as performance2 } from "node:perf_hooks";
var MB = 1024 * 1024;
function median(values2) {
  if (values2.length === 0) return NaN;
  const sorted = [...values2].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
async function timed(fn) {
  const cpu = process.cpuUsage();
  const began = performance2.now();
  const result = await fn();
  const wallMs = performance2.now() - began;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1e3 };
}
function rssBytes() {
  return process.memoryUsage().rss;
}
function maxRssBytes() {
  return process.resourceUsage().maxRSS * 1024;
}
function collectGarbage() {
  const gc = globalThis.gc;
  if (!gc) return;
  for (let i = 0; i < 3; i++) gc();
}

// bench/inventory-sync.child.ts
async function sync(input) {
  const kubeConfig = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig: input.kubeconfig }), input.context));
  collectGarbage();
  const baselineRss = rssBytes();
  const run = await timed(async () => {
    const inventory2 = await startInventory({ kubeConfig });
    await inventory2.waitUntilSettled(6e5);
    return inventory2;
  });
  const inventory = run.result;
  const rssAfter = rssBytes();
  collectGarbage();
  const entities = {};
  for (const e of inventory.entities()) entities[e.kind] = (entities[e.kind] ?? 0) + 1;
  const result = { wallMs: run.wallMs, cpuMs: run.cpuMs, baselineRss, rssAfter, rssAfterGc: rssBytes(), heapUsedAfterGc: process.memoryUsage().heapUsed, maxRss: maxRssBytes(), entities };
  await inventory.stop();
  return result;
}
async function parseFloor(input) {
  const kc = new KubeConfig2();
  kc.loadFromFile(input.kubeconfig);
  kc.setCurrentContext(input.context);
  const api = new ApiClient(kc, 4);
  const pages = /* @__PURE__ */ new Map();
  const fetched = await timed(async () => {
    for (const [name, path3] of Object.entries(input.paths)) {
      const bodies = [];
      let token;
      do {
        const answer = await api.request("GET", `${path3}?limit=${input.pageSize}${token ? `&continue=${encodeURIComponent(token)}` : ""}`);
        if (answer.status !== 200) throw new Error(`GET ${path3}: HTTP ${answer.status}`);
        bodies.push(answer.body);
        token = JSON.parse(answer.body.toString("utf8")).metadata?.continue || void 0;
      } while (token);
      pages.set(name, bodies);
    }
  });
  api.close();
  const lists = {};
  const parseMs = {};
  for (const [name, bodies] of pages) {
    let items = 0;
    const runs = [];
    for (let r = 0; r < input.runs; r++) {
      collectGarbage();
      const t = await timed(() => {
        items = 0;
        for (const body of bodies) items += JSON.parse(body.toString("utf8")).items.length;
      });
      runs.push(t.wallMs);
    }
    lists[name] = { pages: bodies.length, bytes: bodies.reduce((n, b) => n + b.length, 0), items };
    parseMs[name] = median(runs);
  }
  return { lists, fetchMs: fetched.wallMs, parseMs };
}
runAsChild(async () => {
  const input = childInput();
  return input.mode === "sync" ? sync(input) : parseFloor(input);
});
