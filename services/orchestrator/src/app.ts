import { REQUEST_BODY_MAX_BYTES } from '@sre-orchestrator/contracts';
import { type AppInstance, createServer } from '@sre-orchestrator/service-kit';
import type { DestinationStream } from 'pino';
import type { OrchestratorConfig } from './config.js';
import type { KnowledgeGraph } from './knowledge-graph/index.js';
import { incidentRoutes } from './routes/incidents.js';
import { readyRoutes } from './routes/ready.js';
import type { EvidenceSource } from './services/collect-evidence.js';
import { IncidentService, RETRY_AFTER_SECONDS } from './services/incident-service.js';
import { InvestigationQueue } from './services/investigation-queue.js';
import { K8sAgentClient } from './services/k8s-agent-client.js';
import { InMemoryIncidentRepository } from './store/in-memory-incident-repository.js';
import type { IncidentRepository } from './store/incident-repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    incidents: IncidentService;
    investigationQueue: InvestigationQueue;
  }
}

export interface BuildAppOptions {
  config: OrchestratorConfig;
  /** The agent client; built from K8S_AGENT_BASE_URL when absent (tests hand in one on a MockAgent). */
  agentClient?: EvidenceSource & { close?: () => Promise<void> };
  /** The incident store; a bounded in-memory one when absent. */
  store?: IncidentRepository;
  /** The knowledge graph loaded at startup, handed to the diagnosis engine. */
  graph?: KnowledgeGraph;
  /** Where logs go; stdout when absent. */
  logStream?: DestinationStream;
  /** The clock, injectable so timestamps in tests are reproducible. */
  now?: () => Date;
}

const VERSION = '0.1.0';

/**
 * Assembles the orchestrator, in a fixed order: shared server plumbing (logging, errors, OpenAPI,
 * /health), then the app's services (agent client, store, queue, incident workflow), then routes.
 * Closing the app drains investigations (see IncidentService.shutdown).
 */
export async function buildApp(options: BuildAppOptions): Promise<AppInstance> {
  const { config } = options;
  const app = await createServer({
    service: 'orchestrator',
    version: VERSION,
    description: 'Public incident API of the SRE Orchestrator: report a problem, get an investigated incident.',
    logLevel: config.LOG_LEVEL,
    bodyLimit: REQUEST_BODY_MAX_BYTES,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return payload;
  });

  const ownsClient = options.agentClient === undefined;
  const agent =
    options.agentClient ??
    new K8sAgentClient(config.K8S_AGENT_BASE_URL, {
      timeoutMs: config.AGENT_REQUEST_TIMEOUT_MS,
      maxRetries: config.AGENT_MAX_RETRIES,
    });
  const store = options.store ?? new InMemoryIncidentRepository(config.INCIDENT_STORE_MAX_INCIDENTS);
  const queue = new InvestigationQueue({
    concurrency: config.INVESTIGATION_CONCURRENCY,
    maxQueued: config.INVESTIGATION_QUEUE_MAX,
  });
  const incidents = new IncidentService({
    store,
    queue,
    agent,
    graph: options.graph,
    log: app.log,
    now: options.now ?? (() => new Date()),
    defaultNamespace: config.DEFAULT_NAMESPACE,
    investigationTimeoutMs: config.INVESTIGATION_TIMEOUT_MS,
    logTailLines: config.LOG_TAIL_LINES,
    logLimitBytes: config.LOG_LIMIT_BYTES,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
  });
  app.decorate('incidents', incidents);
  app.decorate('investigationQueue', queue);
  app.addHook('onClose', async () => {
    await incidents.shutdown();
    if (ownsClient) await agent.close?.();
  });

  await app.register(readyRoutes);
  await app.register(incidentRoutes);
  return app;
}
