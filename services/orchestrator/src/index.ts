/**
 * @sre-orchestrator/orchestrator: the public incident API. `buildApp` assembles the service
 * (tests inject into it); `main.ts` runs it.
 */
export { type BuildAppOptions, buildApp } from './app.js';
export { loadOrchestratorConfig, type OrchestratorConfig, OrchestratorConfigSchema } from './config.js';
export * from './services/agent-errors.js';
export {
  type CallOptions,
  K8sAgentClient,
  type K8sAgentClientOptions,
  type PodLogsOptions,
} from './services/k8s-agent-client.js';
export { InMemoryIncidentRepository } from './store/in-memory-incident-repository.js';
export * from './store/incident-repository.js';
