import { Agent as HttpsAgent } from 'node:https';
import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  type ConfigurationOptions,
  CoreV1Api,
  type CoreV1Event,
  type KubeConfig,
  Observable,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
  type V1ObjectMeta,
} from '@kubernetes/client-node';
import { KubeError, KubeFailure, type KubeStatus } from './kube-error.js';
import { type KubeGateway, OwnerKind, type PodLogRequest } from './kube-gateway.js';

export interface ClientNodeGatewayOptions {
  /** Upper bound for each call, from request to fully read body. */
  timeoutMs: number;
}

// Longest piece of a non-Status error body kept for the message: enough to recognise a proxy page.
const RAW_BODY_MAX_CHARS = 200;

/**
 * The KubeGateway over @kubernetes/client-node. Every call gets its own AbortSignal through a per-call
 * middleware (client-node 1.x passes `RequestContext.signal` to fetch), so a slow API server is abandoned
 * after `timeoutMs` and the socket released; a timer races the call as well, because authentication
 * (exec plugins, token files) runs before the request is sent and is not covered by the signal.
 */
export function createClientNodeGateway(kubeConfig: KubeConfig, options: ClientNodeGatewayOptions): KubeGateway {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const batch = kubeConfig.makeApiClient(BatchV1Api);
  const server = kubeConfig.getCurrentCluster()?.server ?? null;
  const reuse = connectionReuse();

  const call = <T>(what: string, run: (opts: ConfigurationOptions) => Promise<T>, extra?: ObservableMiddleware) =>
    withTimeout(what, options.timeoutMs, (signal) => {
      const middleware: ObservableMiddleware[] = [reuse, signalMiddleware(signal)];
      if (extra) middleware.push(extra);
      return run({ middleware, middlewareMergeStrategy: 'append' });
    });

  return {
    server,
    readPod: async (namespace, name) => {
      const what = `get pod ${namespace}/${name}`;
      return expectObject(what, await call(what, (opts) => core.readNamespacedPod({ namespace, name }, opts)));
    },

    async readOwnerMetadata(namespace, kind, name) {
      const what = `get ${kind} ${namespace}/${name}`;
      const read = (): Promise<{ metadata?: V1ObjectMeta }> => {
        switch (kind) {
          case OwnerKind.ReplicaSet:
            return call(what, (opts) => apps.readNamespacedReplicaSet({ namespace, name }, opts));
          case OwnerKind.Deployment:
            return call(what, (opts) => apps.readNamespacedDeployment({ namespace, name }, opts));
          case OwnerKind.StatefulSet:
            return call(what, (opts) => apps.readNamespacedStatefulSet({ namespace, name }, opts));
          case OwnerKind.DaemonSet:
            return call(what, (opts) => apps.readNamespacedDaemonSet({ namespace, name }, opts));
          case OwnerKind.Job:
            return call(what, (opts) => batch.readNamespacedJob({ namespace, name }, opts));
          case OwnerKind.CronJob:
            return call(what, (opts) => batch.readNamespacedCronJob({ namespace, name }, opts));
        }
      };
      return expectObject(what, await read()).metadata ?? {};
    },

    readPodLog: (namespace, name, request: PodLogRequest) =>
      call(
        `get pods/log ${namespace}/${name}`,
        (opts) =>
          core.readNamespacedPodLog(
            {
              namespace,
              name,
              container: request.container,
              previous: request.previous,
              limitBytes: request.limitBytes,
              timestamps: request.timestamps,
              ...(request.tailLines !== undefined ? { tailLines: request.tailLines } : {}),
              ...(request.sinceSeconds !== undefined ? { sinceSeconds: request.sinceSeconds } : {}),
            },
            opts,
          ),
        plainTextWhenUntyped,
      ),

    listPodEvents: async (namespace, podName, limit) => {
      const what = `list events ${namespace}`;
      const list = await call(what, (opts) =>
        core.listNamespacedEvent(
          {
            namespace,
            fieldSelector: `involvedObject.name=${podName},involvedObject.namespace=${namespace}`,
            limit,
          },
          opts,
        ),
      );
      if (!Array.isArray(expectObject(what, list).items)) {
        throw new KubeError(
          KubeFailure.InvalidResponse,
          `unexpected answer from the Kubernetes API for "${what}": no items`,
        );
      }
      return list.items as CoreV1Event[];
    },

    listOnePod: async (namespace) => {
      const what = `list pods ${namespace}`;
      expectObject(what, await call(what, (opts) => core.listNamespacedPod({ namespace, limit: 1 }, opts)));
    },
  };
}

// The object-parameter API takes observable middleware; client-node's Observable wraps a promise.
const observe = <T>(value: T) => new Observable<T>(Promise.resolve(value));

/**
 * client-node hands a text/html 200 answer (a proxy's login page) through as a string where an object was
 * expected; such an answer is a failure of the API path, not a pod.
 */
function expectObject<T>(what: string, value: T): T {
  if (value === null || typeof value !== 'object' || !('metadata' in value || 'items' in value)) {
    throw new KubeError(
      KubeFailure.InvalidResponse,
      `unexpected answer from the Kubernetes API for "${what}": not a Kubernetes object`,
    );
  }
  return value;
}

/** TLS settings of an agent client-node built from the kubeconfig; what a shared agent must keep. */
const TLS_OPTION_KEYS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;

/**
 * client-node 1.x builds a new https.Agent for every request (`KubeConfig.createAgent`), so every call pays
 * a TCP and TLS handshake: most of the agent's CPU per pod read. This swaps it for one keep-alive agent
 * with the same TLS options (CA, client certificate and key, verification), rebuilt only when those change
 * (a rotated client certificate). Proxy agents are left alone.
 */
function connectionReuse(): ObservableMiddleware {
  let shared: { fingerprint: string; agent: HttpsAgent } | null = null;
  return {
    pre: (context: RequestContext) => {
      const built = context.getAgent();
      if (built?.constructor === HttpsAgent) {
        const source = (built as HttpsAgent).options as Record<string, unknown>;
        const tls = Object.fromEntries(TLS_OPTION_KEYS.map((k) => [k, source[k]]));
        const fingerprint = JSON.stringify(tls);
        if (shared?.fingerprint !== fingerprint) {
          shared?.agent.destroy();
          shared = {
            fingerprint,
            agent: new HttpsAgent({ ...tls, keepAlive: true, maxSockets: 32, maxFreeSockets: 8 }),
          };
        }
        context.setAgent(shared.agent);
      }
      return observe(context);
    },
    post: (response: ResponseContext) => observe(response),
  };
}

function signalMiddleware(signal: AbortSignal): ObservableMiddleware {
  return {
    pre: (context: RequestContext) => {
      context.setSignal(signal);
      return observe(context);
    },
    post: (response: ResponseContext) => observe(response),
  };
}

/**
 * An empty log answers 200 without a Content-Type on some servers and proxies; client-node then refuses to
 * parse it ("No Content-Type defined"). A log is text whatever the header says.
 */
const plainTextWhenUntyped: ObservableMiddleware = {
  pre: (context: RequestContext) => observe(context),
  post: (response: ResponseContext) => {
    if (response.httpStatusCode >= 200 && response.httpStatusCode < 300) {
      response.headers['content-type'] = 'text/plain';
    }
    return observe(response);
  },
};

async function withTimeout<T>(what: string, timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timeoutMessage = `the Kubernetes API did not answer "${what}" within ${timeoutMs} ms`;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new KubeError(KubeFailure.Timeout, timeoutMessage));
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), timedOut]);
  } catch (error) {
    if (error instanceof KubeError) throw error;
    if (controller.signal.aborted) throw new KubeError(KubeFailure.Timeout, timeoutMessage, { cause: error });
    throw toKubeError(what, error);
  } finally {
    clearTimeout(timer);
  }
}

/** Turns whatever client-node or fetch threw into a KubeError that keeps the cause. */
export function toKubeError(what: string, error: unknown): KubeError {
  if (error instanceof ApiException) {
    const httpStatus = error.code;
    const text = typeof error.body === 'string' ? error.body : error.body === undefined ? '' : String(error.body);
    const status = parseStatus(text);
    const message = status?.message ?? (httpStatus === 401 ? 'Unauthorized' : `HTTP ${httpStatus}`);
    return new KubeError(KubeFailure.Status, message, {
      httpStatus,
      ...(status ? { status } : { rawBody: shortenRawBody(text) }),
      cause: error,
    });
  }
  const code = systemErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code) {
    return new KubeError(
      KubeFailure.Unreachable,
      `cannot reach the Kubernetes API (${code}) for "${what}": ${detail}`,
      {
        errorCode: code,
        cause: error,
      },
    );
  }
  return new KubeError(
    KubeFailure.InvalidResponse,
    `unexpected answer from the Kubernetes API for "${what}": ${detail}`,
    {
      cause: error,
    },
  );
}

/** A metav1.Status when the body is one; null for HTML, plain text or anything else. */
function parseStatus(text: string): KubeStatus | null {
  if (!text.trimStart().startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && (parsed as { kind?: unknown }).kind === 'Status') {
      return parsed as KubeStatus;
    }
  } catch {
    // Not JSON after all: treated as raw text by the caller.
  }
  return null;
}

/** Tags stripped and whitespace collapsed, so a proxy's HTML page reads as one short line. */
function shortenRawBody(text: string): string {
  const flat = text
    .slice(0, 8 * RAW_BODY_MAX_CHARS)
    .replace(/<[^<>]{0,500}>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > RAW_BODY_MAX_CHARS ? `${flat.slice(0, RAW_BODY_MAX_CHARS)}…` : flat;
}

// node-fetch FetchError (`code`/`errno`) and Node system errors carry the reason as a code; so may their cause.
function systemErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { code, errno } = current as { code?: unknown; errno?: unknown };
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    if (typeof errno === 'string' && /^[A-Z_]+$/.test(errno)) return errno;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
