/**
 * `npm start`: the built k8s-agent (8081) and orchestrator (8080) against the current kubeconfig
 * context. Ctrl-C stops both; if either dies, the other is stopped and the exit reason printed.
 * Ports: AGENT_PORT, ORCHESTRATOR_PORT. Every other variable passes through to both services.
 */
import { startStack, stopService } from '../services/orchestrator/scripts/local-stack.js';

const agentPort = Number(process.env.AGENT_PORT ?? 8081);
const orchestratorPort = Number(process.env.ORCHESTRATOR_PORT ?? 8080);

const { agent, orchestrator } = await startStack({ agentPort, orchestratorPort, echo: true });
process.stdout.write(
  [
    '',
    `k8s-agent     listening on ${agent.url}  (GET /ready checks the Kubernetes API)`,
    `orchestrator  listening on ${orchestrator.url}  (OpenAPI at ${orchestrator.url}/openapi.json)`,
    '',
    `  curl -s -X POST ${orchestrator.url}/api/v1/incidents -H 'content-type: application/json' \\`,
    `       -d '{"description": "pod <name> in namespace <ns> is crashing"}'`,
    '',
    'Ctrl-C stops both.',
    '',
  ].join('\n'),
);

let stopping = false;
async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  await Promise.all([stopService(agent), stopService(orchestrator)]);
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stdout.write(`\n${signal}: stopping both services\n`);
    void stopAll(0);
  });
}

for (const service of [agent, orchestrator]) {
  void service.exited.then(({ code, signal }) => {
    if (stopping) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    process.stderr.write(`\n${service.name} stopped (${how}); stopping the other service\n`);
    void stopAll(code === 0 ? 1 : (code ?? 1));
  });
}
