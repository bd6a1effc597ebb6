import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServerCertificates, type ServerCertificates } from './certificates.js';
import { buildCluster, type Cluster } from './cluster.js';
import { buildKubeconfig } from './kubeconfig.js';
import { type ApiRequest, handleApiRequest } from './router.js';
import { SCENARIOS } from './scenarios/index.js';
import type { Scenario } from './scenarios/scenario.js';
import { internalError, methodNotAllowed, unauthorized } from './status.js';

export interface FakeKubeApiOptions {
  /** Address to listen on; default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; default 0 (ephemeral). */
  port?: number;
  /** The bearer token accepted; default random. */
  token?: string;
  /** Delay added before every answer (slow mode); default 0. */
  latencyMs?: number;
  /** The user named in 403 messages; default the k8s-agent's service account. */
  identity?: string;
  /** Where to write the kubeconfig (as `<dir>/kubeconfig`); default a fresh temporary directory. */
  kubeconfigDir?: string;
  /** The exact kubeconfig file to write, for the CLI; takes precedence over kubeconfigDir. */
  kubeconfigFile?: string;
  /** The scenarios the cluster holds; default all of SCENARIOS. */
  scenarios?: Scenario[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Whether it carried the right bearer token. */
  authorized: boolean;
}

export interface FakeKubeApi {
  /** `https://127.0.0.1:<port>` */
  url: string;
  token: string;
  /** The generated CA certificate (PEM). */
  caPem: string;
  /** A kubeconfig (certificate-authority-data + token) the official client loads unchanged. */
  kubeconfigPath: string;
  kubeconfigYaml: string;
  /** Every request received, in order, for assertions like "no Kubernetes call was made". */
  requests: RecordedRequest[];
  /** TCP connections accepted since start (or the last reset): shows whether a client reuses connections. */
  readonly connectionCount: number;
  setLatency(ms: number): void;
  /** Deny a verb on a resource in a namespace (or '*' namespaces) with a real 403, e.g. forbid('get','pods/log','payments'). */
  forbid(verb: string, resource: string, namespace?: string): void;
  /** Answer every request to paths matching this prefix with a raw, non-JSON body (e.g. 502 text/html from a proxy). */
  rawResponse(pathPrefix: string, status: number, body: string, contentType?: string): void;
  /** Clears forbid/rawResponse/latency and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_IDENTITY = 'system:serviceaccount:sre-orchestrator:sre-orchestrator-k8s-agent';

/** A forbid() rule; `*` matches anything. */
export interface ForbidRule {
  verb: string;
  resource: string;
  namespace: string;
}

interface RawRule {
  pathPrefix: string;
  status: number;
  body: string;
  contentType: string;
}

/**
 * Certificates are cached per host for the life of the process: RSA key generation is the slowest part of a start,
 * and test suites start many servers.
 */
const certificateCache = new Map<string, Promise<ServerCertificates>>();

function certificatesFor(host: string): Promise<ServerCertificates> {
  let pending = certificateCache.get(host);
  if (!pending) {
    pending = createServerCertificates(host);
    certificateCache.set(host, pending);
    pending.catch(() => certificateCache.delete(host));
  }
  return pending;
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}

/** Writes an answer with the headers the apiserver puts on every response. */
function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, private',
    'Audit-Id': randomUUID(),
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

export async function startFakeKubeApi(options: FakeKubeApiOptions = {}): Promise<FakeKubeApi> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const identity = options.identity ?? DEFAULT_IDENTITY;
  let latencyMs = options.latencyMs ?? 0;
  const forbidRules: ForbidRule[] = [];
  const rawRules: RawRule[] = [];
  const requests: RecordedRequest[] = [];
  const cluster: Cluster = buildCluster(options.scenarios ?? SCENARIOS, new Date());
  const certificates = await certificatesFor(host);

  const sockets = new Set<Socket>();
  let connectionCount = 0;
  const timers = new Set<NodeJS.Timeout>();

  function answer(req: IncomingMessage, res: ServerResponse, authorized: boolean, url: URL): void {
    if (res.destroyed || res.writableEnded) return;
    const raw = rawRules.find((r) => url.pathname.startsWith(r.pathPrefix));
    if (raw) {
      res.writeHead(raw.status, { 'Content-Type': raw.contentType, 'Content-Length': Buffer.byteLength(raw.body) });
      res.end(raw.body);
      return;
    }
    if (!authorized) {
      sendJson(res, 401, unauthorized());
      return;
    }
    if (req.method !== 'GET') {
      sendJson(res, 405, methodNotAllowed());
      return;
    }
    const request: ApiRequest = {
      path: url.pathname,
      query: url.searchParams,
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
    };
    const result = handleApiRequest(cluster, request, { identity, forbidRules, now: new Date() });
    if (result.kind === 'json') {
      sendJson(res, result.status, result.body);
      return;
    }
    send(res, 200, 'text/plain', result.body);
  }

  const server: Server = createServer({ cert: certificates.certPem, key: certificates.keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://fake-kube-api');
    const authorized = bearerToken(req) === token;
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, authorized });
    const respond = () => {
      try {
        answer(req, res, authorized, url);
      } catch (error) {
        // A fixture bug must surface as a 500 Status in the test that hit it, not crash the whole server.
        if (!res.headersSent && !res.destroyed) {
          sendJson(res, 500, internalError(`fake-kube-api: ${(error as Error).message}`));
        }
      }
    };
    if (latencyMs <= 0) return respond();
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond();
    }, latencyMs);
    timers.add(timer);
    // A client that gives up while we are "slow" must not leave a timer writing to a dead socket.
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  });
  server.on('connection', (socket: Socket) => {
    connectionCount++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // TLS handshakes that clients abort (e.g. a CA mismatch) are the client's business, not a server crash.
  server.on('tlsClientError', () => {});
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://${urlHost(host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host)}:${port}`;

  const kubeconfigYaml = buildKubeconfig({ server: url, caPem: certificates.caPem, token });
  let kubeconfigPath: string;
  if (options.kubeconfigFile) {
    kubeconfigPath = options.kubeconfigFile;
    await mkdir(dirname(kubeconfigPath), { recursive: true });
  } else {
    const dir = options.kubeconfigDir ?? (await mkdtemp(join(tmpdir(), 'fake-kube-api-')));
    await mkdir(dir, { recursive: true });
    kubeconfigPath = join(dir, 'kubeconfig');
  }
  await writeFile(kubeconfigPath, kubeconfigYaml, { mode: 0o600 });

  let closing: Promise<void> | undefined;
  return {
    url,
    token,
    caPem: certificates.caPem,
    kubeconfigPath,
    kubeconfigYaml,
    requests,
    get connectionCount() {
      return connectionCount;
    },
    setLatency(ms: number) {
      latencyMs = ms;
    },
    forbid(verb: string, resource: string, namespace = '*') {
      forbidRules.push({ verb, resource, namespace });
    },
    rawResponse(pathPrefix: string, status: number, body: string, contentType = 'text/html') {
      rawRules.push({ pathPrefix, status, body, contentType });
    },
    reset() {
      forbidRules.length = 0;
      rawRules.length = 0;
      latencyMs = 0;
      requests.length = 0;
      connectionCount = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
