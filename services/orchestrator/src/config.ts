import { DNS_LABEL_PATTERN } from '@sre-orchestrator/contracts';
import { LogLevelSchema, loadConfig } from '@sre-orchestrator/service-kit';
import { type Static, Type } from 'typebox';

/**
 * Every environment variable the orchestrator reads, with its default. Validated once at startup:
 * a bad value stops the process with a message naming the variable.
 */
export const OrchestratorConfigSchema = Type.Object({
  /** TCP port the public API listens on. */
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  /** Address to bind; 0.0.0.0 inside a container so the Service can reach the pod. */
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  /** Base URL of the k8s-agent, found through Kubernetes service DNS in a cluster. */
  K8S_AGENT_BASE_URL: Type.String({
    pattern: '^https?://[^\\s]+$',
    default: 'http://sre-orchestrator-k8s-agent.default.svc.cluster.local',
  }),
  /** Namespace assumed when a description names none. */
  DEFAULT_NAMESPACE: Type.String({ pattern: DNS_LABEL_PATTERN, default: 'default' }),
  /** pino log level. */
  LOG_LEVEL: LogLevelSchema,
  /**
   * Deadline of one call to the agent (all retries included), in ms. Longer than the agent's own Kubernetes
   * timeout (10 s by default) so a slow cluster reaches the incident as the agent's explicit 504, not as ours.
   */
  AGENT_REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 300_000, default: 15_000 }),
  /** Retries of an idempotent agent call after a connection error, timeout or 502/503/504. */
  AGENT_MAX_RETRIES: Type.Integer({ minimum: 0, maximum: 10, default: 2 }),
  /** Deadline of one whole investigation; past it the incident is marked failed. */
  INVESTIGATION_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 60_000 }),
  /** Incidents kept in memory; beyond it the oldest finished ones are evicted. */
  INCIDENT_STORE_MAX_INCIDENTS: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1000 }),
  /** Investigations running at once, to spare the agent and the Kubernetes API. */
  INVESTIGATION_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 256, default: 4 }),
  /** Investigations waiting for a slot; beyond it new incidents are refused with 503. */
  INVESTIGATION_QUEUE_MAX: Type.Integer({ minimum: 0, maximum: 100_000, default: 100 }),
  /** How long shutdown waits for running investigations before marking them failed, in ms. */
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 10_000 }),
  /** Knowledge-graph YAML file (components and dependencies); optional. */
  KNOWLEDGE_GRAPH_PATH: Type.Optional(Type.String({ minLength: 1 })),
  /** Log lines fetched per container instance. */
  LOG_TAIL_LINES: Type.Integer({ minimum: 1, maximum: 10_000, default: 200 }),
  /** Log bytes fetched per container instance; with the store bound it caps the memory evidence can take. */
  LOG_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 10 * 1024 * 1024, default: 32 * 1024 }),
});
export type OrchestratorConfig = Static<typeof OrchestratorConfigSchema>;

/** Reads and validates the orchestrator's configuration; throws ConfigError naming each bad variable. */
export function loadOrchestratorConfig(env: NodeJS.ProcessEnv = process.env): OrchestratorConfig {
  return loadConfig(OrchestratorConfigSchema, env);
}
