/**
 * `npm run demo`: the built k8s-agent and orchestrator against the in-repo fake Kubernetes API,
 * which holds one broken pod per scenario. Prints ready-to-paste curl commands, investigates one
 * incident itself, and keeps running until Ctrl-C.
 *
 * `npm run demo -- --once`: investigates one incident per scenario, prints scenario → status and
 * category, and exits 0 only when every incident completed with the expected category.
 * Ports (interactive mode): AGENT_PORT (8081), ORCHESTRATOR_PORT (8080).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFinished } from '@sre-orchestrator/contracts';
import { SCENARIOS, type Scenario, startFakeKubeApi } from '@sre-orchestrator/fake-kube-api';
import {
  freePort,
  type ServiceProcess,
  startStack,
  stopService,
  waitUntilUp,
} from '../services/orchestrator/scripts/local-stack.js';

interface IncidentView {
  status: string;
  error: string | null;
  suggested_root_cause: string | null;
  confidence_score: string | null;
  diagnosis: { category: string; summary: string } | null;
  evidence: { finding?: string; errors?: unknown[] };
}

const once = process.argv.includes('--once');
const SHOWCASE = ['oom-killed', 'crash-loop-app-error', 'dependency-refused', 'unschedulable-resources'];

const describeScenario = (s: Scenario) => `Pod '${s.pod}' in namespace '${s.namespace}' is having problems`;
/** The same, free of quotes so it pastes inside a single-quoted shell argument. */
const describeForShell = (s: Scenario) => `Pod ${s.pod} in namespace ${s.namespace} is having problems`;

async function createIncident(baseUrl: string, description: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ description }),
  });
  if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { incident_id: string }).incident_id;
}

async function waitForIncident(baseUrl: string, id: string, timeoutMs = 60_000): Promise<IncidentView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const incident = (await (await fetch(`${baseUrl}/api/v1/incidents/${id}`)).json()) as IncidentView;
    if (isFinished(incident)) return incident;
    if (Date.now() > until) throw new Error(`incident ${id} still ${incident.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runOnce(orchestrator: ServiceProcess): Promise<number> {
  const started = Date.now();
  const ids = await Promise.all(SCENARIOS.map((s) => createIncident(orchestrator.url, describeScenario(s))));
  const incidents = await Promise.all(ids.map((id) => waitForIncident(orchestrator.url, id)));
  const rows = SCENARIOS.map((scenario, i) => {
    const incident = incidents[i] as IncidentView;
    const category = incident.diagnosis?.category ?? '-';
    const ok = incident.status === 'completed' && category === scenario.expectedCategory;
    return { id: scenario.id, status: incident.status, category, expected: scenario.expectedCategory, ok };
  });
  const width = Math.max(...rows.map((r) => r.id.length));
  process.stdout.write(`\n${'scenario'.padEnd(width)}  status     category                  expected\n`);
  for (const r of rows) {
    const mark = r.ok ? 'ok' : 'MISMATCH';
    process.stdout.write(
      `${r.id.padEnd(width)}  ${r.status.padEnd(9)}  ${r.category.padEnd(24)}  ${r.expected.padEnd(24)}  ${mark}\n`,
    );
  }
  const good = rows.filter((r) => r.ok).length;
  process.stdout.write(`\n${good}/${rows.length} scenarios as expected in ${Date.now() - started} ms\n`);
  return good === rows.length ? 0 : 1;
}

async function runInteractive(orchestrator: ServiceProcess): Promise<void> {
  const url = orchestrator.url;
  const lines = ['', `The orchestrator listens on ${url}; the fake cluster holds ${SCENARIOS.length} scenarios.`, ''];
  for (const id of SHOWCASE) {
    const scenario = SCENARIOS.find((s) => s.id === id);
    if (!scenario) continue;
    lines.push(`# ${scenario.id}: ${scenario.summary}`);
    lines.push(`curl -s -X POST ${url}/api/v1/incidents -H 'content-type: application/json' \\`);
    lines.push(`     -d '{"description": "${describeForShell(scenario)}"}'`);
    lines.push('');
  }
  lines.push('# then, with the incident_id from the answer:');
  lines.push(`curl -s ${url}/api/v1/incidents/<incident_id>`);
  lines.push(`curl -s '${url}/api/v1/incidents?limit=5'`);
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);

  const example = SCENARIOS.find((s) => s.id === 'oom-killed') ?? SCENARIOS[0];
  if (example) {
    const id = await createIncident(url, describeScenario(example));
    const incident = await waitForIncident(url, id);
    process.stdout.write(
      [
        `Investigated "${describeScenario(example)}" (incident ${id}):`,
        `  status:     ${incident.status}`,
        `  category:   ${incident.diagnosis?.category ?? '-'} (confidence ${incident.confidence_score ?? '-'})`,
        `  root cause: ${incident.suggested_root_cause ?? incident.error ?? incident.evidence.finding ?? '-'}`,
        '',
        'Ctrl-C stops the demo.',
        '',
      ].join('\n'),
    );
  }
}

const kubeconfigDir = mkdtempSync(join(tmpdir(), 'sre-demo-'));
const kube = await startFakeKubeApi({ kubeconfigDir });
let stack: { agent: ServiceProcess; orchestrator: ServiceProcess } | undefined;
let stopping = false;
async function shutdown(code: number): Promise<never> {
  stopping = true;
  if (stack) await Promise.all([stopService(stack.agent), stopService(stack.orchestrator)]);
  await kube.close();
  rmSync(kubeconfigDir, { recursive: true, force: true });
  process.exit(code);
}

try {
  stack = await startStack({
    agentPort: once ? await freePort() : Number(process.env.AGENT_PORT ?? 8081),
    orchestratorPort: once ? await freePort() : Number(process.env.ORCHESTRATOR_PORT ?? 8080),
    agentEnv: { KUBECONFIG: kube.kubeconfigPath, LOG_LEVEL: once ? 'warn' : 'info' },
    orchestratorEnv: { LOG_LEVEL: once ? 'warn' : 'info', INVESTIGATION_QUEUE_MAX: String(SCENARIOS.length * 2) },
    echo: !once,
  });
  await waitUntilUp(stack.agent, '/ready');
  for (const service of [stack.agent, stack.orchestrator]) {
    void service.exited.then(({ code, signal }) => {
      if (stopping) return;
      process.stderr.write(`${service.name} stopped unexpectedly (${signal ?? `exit code ${code}`})\n`);
      void shutdown(1);
    });
  }
  if (once) {
    await shutdown(await runOnce(stack.orchestrator));
  } else {
    await runInteractive(stack.orchestrator);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0));
  }
} catch (error) {
  process.stderr.write(`demo failed: ${(error as Error).message}\n`);
  await shutdown(1);
}
