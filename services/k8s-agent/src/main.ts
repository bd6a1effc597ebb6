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

// Logged at startup so a missing kubeconfig, an unreachable server or missing RBAC shows in the first lines;
// the process keeps running either way and /ready reports the same.
const startupCheck = app.readiness.check().then((result) => {
  if (result.ready) {
    app.log.info({ server: result.server, namespace: result.namespace }, 'kubernetes API ready: pods can be listed');
  } else {
    app.log.error(
      {
        server: result.server,
        namespace: result.namespace,
        reason: result.error.reason,
        details: result.error.details,
      },
      `kubernetes API NOT ready: ${result.error.message}`,
    );
  }
});

await listenWithGrace(app, {
  port: config.PORT,
  host: config.HOST,
  graceMs: config.K8S_REQUEST_TIMEOUT_MS + GRACE_MARGIN_MS,
});
await startupCheck;
