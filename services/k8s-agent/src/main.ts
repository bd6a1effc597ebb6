import { ConfigError, listenWithGrace } from '@sre-orchestrator/service-kit';
import { buildApp } from './app.js';
import { type AgentConfig, loadAgentConfig } from './config.js';

// In-flight Kubernetes calls are bounded by K8S_REQUEST_TIMEOUT_MS; shutdown waits a little longer.
const GRACE_MARGIN_MS = 2_000;

let config: AgentConfig;
try {
  config = loadAgentConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`k8s-agent: ${error.message}`);
  process.exit(1);
}

const app = await buildApp({ config });

// Run once at startup: the result is logged (see app.ts), so a missing kubeconfig, an unreachable server or
// missing RBAC shows in the first lines. The process keeps running either way and /ready reports the same.
const startupCheck = app.readiness.check();

await listenWithGrace(app, {
  port: config.PORT,
  host: config.HOST,
  graceMs: config.K8S_REQUEST_TIMEOUT_MS + GRACE_MARGIN_MS,
});
await startupCheck;
