import { readFileSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { type AppInstance, createServer } from '@sre-orchestrator/service-kit';
import type { DestinationStream } from 'pino';
import type { AgentConfig } from './config.js';
import { createClientNodeGateway } from './kube/client-node-gateway.js';
import {
  checkKubeConfig,
  type KubeConfigResult,
  loadKubeConfig,
  resolveAgentNamespace,
} from './kube/kube-config-loader.js';
import type { KubeGateway } from './kube/kube-gateway.js';
import { createUnconfiguredGateway } from './kube/unconfigured-gateway.js';
import { registerPodRoutes } from './routes/pod-routes.js';
import { registerReadyRoute } from './routes/ready-route.js';
import { createReadinessChecker, type ReadinessChecker } from './services/readiness-checker.js';

export interface BuildAppOptions {
  config: AgentConfig;
  /** The Kubernetes configuration to use; default: KUBECONFIG, ~/.kube/config, then the in-cluster service account. */
  kubeConfig?: KubeConfig;
  /** Where logs go; stdout when absent. */
  logStream?: DestinationStream;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The Kubernetes readiness check behind `GET /ready`, also run and logged at startup by main.ts. */
    readiness: ReadinessChecker;
  }
}

/** How long a readiness result is reused: probes every second or two then cost one API call at most. */
const READINESS_CACHE_MS = 2_000;

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * Builds the agent over the Kubernetes configuration (given, or found by the standard rules). Never throws
 * for a missing or unusable configuration: the agent then answers 503 with the reason on Kubernetes routes.
 */
export async function buildApp(options: BuildAppOptions): Promise<AppInstance> {
  const { config } = options;
  const kube: KubeConfigResult = options.kubeConfig
    ? checkKubeConfig(options.kubeConfig, { allowInsecure: config.ALLOW_INSECURE_KUBE_API, source: 'provided' })
    : loadKubeConfig({ allowInsecure: config.ALLOW_INSECURE_KUBE_API });
  const gateway = kube.usable
    ? createClientNodeGateway(kube.kubeConfig, { timeoutMs: config.K8S_REQUEST_TIMEOUT_MS })
    : createUnconfiguredGateway(kube.reason, kube.server);
  const app = await assembleApp({
    config,
    gateway,
    namespace: resolveAgentNamespace(config.AGENT_NAMESPACE, kube.kubeConfig),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  if (kube.usable) {
    app.log.info({ server: kube.server, source: kube.source }, 'kubernetes configuration loaded');
  } else {
    app.log.error(
      { server: kube.server, source: kube.source, reason: kube.reason },
      `kubernetes not configured: ${kube.reason}`,
    );
  }
  return app;
}

export interface AssembleAppOptions {
  config: AgentConfig;
  gateway: KubeGateway;
  /** The agent's own namespace, where the readiness check lists a pod. */
  namespace: string;
  logStream?: DestinationStream;
}

/**
 * The fixed load order: the shared server (logging, request ids, errors, OpenAPI, /health), then the
 * agent's services (readiness checker over the gateway), then the routes. Unit tests call this with a
 * fake gateway; buildApp with the client-node one.
 */
export async function assembleApp(options: AssembleAppOptions): Promise<AppInstance> {
  const { config, gateway } = options;
  const app = await createServer({
    service: 'k8s-agent',
    version,
    description: 'Read-only REST API over the Kubernetes API: pod details, logs and events.',
    logLevel: config.LOG_LEVEL,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });

  const readiness = createReadinessChecker({
    gateway,
    namespace: options.namespace,
    cacheMs: READINESS_CACHE_MS,
    onChange: (result) => {
      const context = { server: result.server, namespace: result.namespace };
      if (result.ready) {
        app.log.info(context, 'kubernetes API ready: pods can be listed');
      } else {
        app.log.error(
          { ...context, reason: result.error.reason, details: result.error.details },
          `kubernetes API NOT ready: ${result.error.message}`,
        );
      }
    },
  });
  app.decorate('readiness', readiness);

  await registerReadyRoute(app, readiness);
  await registerPodRoutes(app, {
    gateway,
    limits: {
      tailDefault: config.LOG_TAIL_DEFAULT,
      tailMax: config.LOG_TAIL_MAX,
      limitBytesDefault: config.LOG_LIMIT_BYTES_DEFAULT,
      limitBytesMax: config.LOG_LIMIT_BYTES_MAX,
      maskSecrets: config.MASK_SECRETS,
    },
  });
  return app;
}
