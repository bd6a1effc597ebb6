/**
 * @sre-orchestrator/k8s-agent: the only service that talks to the Kubernetes API, read-only. It serves
 * pod details, logs and events over an internal REST API (see docs/k8s-agent.md).
 */
export { type BuildAppOptions, buildApp } from './app.js';
export { type AgentConfig, loadAgentConfig } from './config.js';
