/**
 * `npm run bench`: POST throughput and latency, and the time from POST to a finished
 * investigation, for the built orchestrator and k8s-agent against the fake Kubernetes API with a
 * configurable latency. Loopback only, bounded in count and time. Prints p50/p99 and the peak RSS
 * (VmHWM, Linux) of each service.
 *
 *   npm run bench -- --incidents 200 --concurrency 16 --kube-latency-ms 20
 *   (or BENCH_INCIDENTS, BENCH_CONCURRENCY, BENCH_KUBE_LATENCY_MS; BENCH_TIMEOUT_MS bounds the run)
 * Orchestrator settings pass through: INVESTIGATION_CONCURRENCY=8 npm run bench
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isFinished } from '@sre-orchestrator/contracts';
import { SCENARIOS } from '@sre-orchestrator/fake-kube-api';
import {
  freePort,
  peakRssKib,
  type ServiceProcess,
  spawnService,
  startStack,
  stopService,
  waitUntilUp,
} from '../services/orchestrator/scripts/local-stack.js';

const FAKE_KUBE_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../packages/fake-kube-api/dist/main.js');

const MAX_INCIDENTS = 10_000;
const MAX_CONCURRENCY = 256;

const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: process.env.BENCH_INCIDENTS ?? '200' },
    concurrency: { type: 'string', default: process.env.BENCH_CONCURRENCY ?? '16' },
    'kube-latency-ms': { type: 'string', default: process.env.BENCH_KUBE_LATENCY_MS ?? '20' },
    'timeout-ms': { type: 'string', default: process.env.BENCH_TIMEOUT_MS ?? '300000' },
  },
});
const incidents = boundedInt('incidents', values.incidents, 1, MAX_INCIDENTS);
const concurrency = boundedInt('concurrency', values.concurrency, 1, MAX_CONCURRENCY);
const kubeLatencyMs = boundedInt('kube-latency-ms', values['kube-latency-ms'], 0, 10_000);
const timeoutMs = boundedInt('timeout-ms', values['timeout-ms'], 1_000, 3_600_000);

function boundedInt(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(`--${name} must be an integer in ${min}..${max}, got ${raw}\n`);
    process.exit(2);
  }
  return value;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mib = (kib: number | null) => (kib === null ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`);

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function bench(orchestrator: ServiceProcess, deadline: AbortSignal) {
  const url = orchestrator.url;
  const descriptions = Array.from({ length: incidents }, (_, i) => {
    const s = SCENARIOS[i % SCENARIOS.length] as (typeof SCENARIOS)[number];
    return `Pod '${s.pod}' in namespace '${s.namespace}' is having problems (bench ${i})`;
  });
  const postLatencies: number[] = [];
  const accepted: Array<{ id: string; sentAt: number }> = [];
  let rejected = 0;

  const postStart = performance.now();
  await pool(descriptions, concurrency, async (description) => {
    const sentAt = Date.now();
    const t0 = performance.now();
    const response = await fetch(`${url}/api/v1/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ description }),
      signal: deadline,
    });
    postLatencies.push(performance.now() - t0);
    if (response.status === 202)
      accepted.push({ id: ((await response.json()) as { incident_id: string }).incident_id, sentAt });
    else {
      rejected += 1;
      await response.arrayBuffer();
    }
  });
  const postSeconds = (performance.now() - postStart) / 1000;

  // Time to a finished investigation comes from the server's completed_at, so polling adds no error.
  const toFinished: number[] = [];
  const statuses: Record<string, number> = {};
  await pool(accepted, concurrency, async ({ id, sentAt }) => {
    for (;;) {
      const response = await fetch(`${url}/api/v1/incidents/${id}`, { signal: deadline });
      const incident = (await response.json()) as { status: string; completed_at: string | null };
      if (isFinished(incident)) {
        statuses[incident.status] = (statuses[incident.status] ?? 0) + 1;
        toFinished.push(Date.parse(incident.completed_at ?? '') - sentAt);
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  const totalSeconds = (performance.now() - postStart) / 1000;
  postLatencies.sort((a, b) => a - b);
  toFinished.sort((a, b) => a - b);
  return { postSeconds, totalSeconds, postLatencies, toFinished, statuses, rejected, accepted: accepted.length };
}

const kubeconfigDir = mkdtempSync(join(tmpdir(), 'sre-bench-'));
const kubeconfigPath = join(kubeconfigDir, 'kubeconfig');
// The fake API runs in its own process so that its work is neither timed nor counted as the bench's.
const kube = spawnService({
  name: 'fake-kube-api',
  entry: FAKE_KUBE_ENTRY,
  port: 0,
  env: {
    FAKE_KUBE_PORT: String(await freePort()),
    FAKE_KUBE_LATENCY_MS: String(kubeLatencyMs),
    FAKE_KUBE_KUBECONFIG: kubeconfigPath,
  },
  echo: false,
});
let stack: { agent: ServiceProcess; orchestrator: ServiceProcess } | undefined;
let exitCode = 0;
try {
  const until = Date.now() + 20_000;
  while (!existsSync(kubeconfigPath)) {
    if (Date.now() > until || kube.child.exitCode !== null) throw new Error('the fake Kubernetes API did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  stack = await startStack({
    agentPort: await freePort(),
    orchestratorPort: await freePort(),
    agentEnv: { KUBECONFIG: kubeconfigPath, LOG_LEVEL: 'warn' },
    orchestratorEnv: {
      LOG_LEVEL: 'warn',
      INVESTIGATION_QUEUE_MAX: process.env.INVESTIGATION_QUEUE_MAX ?? String(incidents),
      INCIDENT_STORE_MAX_INCIDENTS: process.env.INCIDENT_STORE_MAX_INCIDENTS ?? String(Math.max(1000, incidents)),
    },
    echo: false,
  });
  await waitUntilUp(stack.agent, '/ready');
  process.stdout.write(
    `bench: ${incidents} incidents, ${concurrency} concurrent clients, fake Kubernetes latency ${kubeLatencyMs} ms, ` +
      `investigation concurrency ${process.env.INVESTIGATION_CONCURRENCY ?? '4 (default)'}\n`,
  );
  const r = await bench(stack.orchestrator, AbortSignal.timeout(timeoutMs));
  const agentRss = peakRssKib(stack.agent.child.pid);
  const orchestratorRss = peakRssKib(stack.orchestrator.child.pid);
  const kubeRss = peakRssKib(kube.child.pid);
  process.stdout.write(
    [
      '',
      `POST /api/v1/incidents   ${(r.postLatencies.length / r.postSeconds).toFixed(0)} req/s   ` +
        `p50 ${ms(percentile(r.postLatencies, 50))}   p99 ${ms(percentile(r.postLatencies, 99))}   ` +
        `(${r.accepted} accepted, ${r.rejected} refused)`,
      `POST → finished          p50 ${ms(percentile(r.toFinished, 50))}   p99 ${ms(percentile(r.toFinished, 99))}   ` +
        `max ${ms(r.toFinished.at(-1) ?? Number.NaN)}`,
      `investigations           ${JSON.stringify(r.statuses)} in ${r.totalSeconds.toFixed(1)} s ` +
        `(${(r.accepted / r.totalSeconds).toFixed(1)}/s)`,
      `peak RSS (VmHWM)         orchestrator ${mib(orchestratorRss)}   k8s-agent ${mib(agentRss)}   ` +
        `fake API ${mib(kubeRss)}   bench client ${mib(peakRssKib(process.pid))}`,
      '',
    ].join('\n'),
  );
  if (r.rejected > 0 || (r.statuses.failed ?? 0) > 0) exitCode = 1;
} catch (error) {
  process.stderr.write(`bench failed: ${(error as Error).message}\n`);
  exitCode = 1;
} finally {
  if (stack) await Promise.all([stopService(stack.agent), stopService(stack.orchestrator)]);
  await stopService(kube, 5_000);
  rmSync(kubeconfigDir, { recursive: true, force: true });
}
process.exit(exitCode);
