import { listenWithGrace } from '@sre-orchestrator/service-kit';
import { buildApp } from './app.js';
import { loadOrchestratorConfig } from './config.js';
import { loadKnowledgeGraph } from './knowledge-graph/index.js';

/** Reads config, loads the knowledge graph, listens, and closes gracefully on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadOrchestratorConfig();
  // A broken graph file stops startup: silently diagnosing without it would weaken every answer.
  const graph = config.KNOWLEDGE_GRAPH_PATH ? loadKnowledgeGraph(config.KNOWLEDGE_GRAPH_PATH) : undefined;
  const app = await buildApp({ config, graph });
  if (graph) app.log.info({ path: config.KNOWLEDGE_GRAPH_PATH }, 'knowledge graph loaded');
  app.log.info({ agent: config.K8S_AGENT_BASE_URL, namespace: config.DEFAULT_NAMESPACE }, 'orchestrator configured');
  // Give investigations their grace period, plus a margin for Fastify itself to close.
  await listenWithGrace(app, { port: config.PORT, host: config.HOST, graceMs: config.SHUTDOWN_GRACE_MS + 5_000 });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`orchestrator failed to start: ${message}\n`);
  process.exit(1);
});
