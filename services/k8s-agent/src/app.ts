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
 * Assembles the agent in a fixed order: the shared server (logging, request ids, errors, OpenAPI,
 * /health), then the Kubernetes gateway and readiness checker, then the routes. Never throws for a
 * missing or unusable Kubernetes configuration: the agent then answers 503 with the reason.
 */
export async function buildApp(options: BuildAppOptions): Promise<AppInstance> {
  const { config } = options;
  const app = await createServer({
    service: 'k8s-agent',
    version,
    description: 'Read-only REST API over the Kubernetes API: pod details, logs and events.',
    logLevel: config.LOG_LEVEL,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });

  const kube: KubeConfigResult = options.kubeConfig
    ? checkKubeConfig(options.kubeConfig, { allowInsecure: config.ALLOW_INSECURE_KUBE_API, source: 'provided' })
    : loadKubeConfig({ allowInsecure: config.ALLOW_INSECURE_KUBE_API });
  let gateway: KubeGateway;
  if (kube.usable) {
    gateway = createClientNodeGateway(kube.kubeConfig, { timeoutMs: config.K8S_REQUEST_TIMEOUT_MS });
    app.log.info({ server: kube.server, source: kube.source }, 'kubernetes configuration loaded');
  } else {
    gateway = createUnconfiguredGateway(kube.reason, kube.server);
    app.log.error(
      { server: kube.server, source: kube.source, reason: kube.reason },
      `kubernetes not configured: ${kube.reason}`,
    );
  }
  const namespace = resolveAgentNamespace(config.AGENT_NAMESPACE, kube.kubeConfig);
  const readiness = createReadinessChecker({ gateway, namespace, cacheMs: READINESS_CACHE_MS });
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
