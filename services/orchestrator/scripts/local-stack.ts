/**
 * Runs the BUILT k8s-agent and orchestrator as child processes (plain `node dist/main.js`), for the
 * root scripts `npm start`, `npm run demo` and `npm run bench`. Not part of the service itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const AGENT_ENTRY = resolve(ROOT, 'services/k8s-agent/dist/main.js');
const ORCHESTRATOR_ENTRY = resolve(ROOT, 'services/orchestrator/dist/main.js');

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Settles when the process exits, with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  name: string;
  entry: string;
  port: number;
  env: Record<string, string>;
  /** Echo the child's log lines, prefixed with its name; otherwise they are dropped. */
  echo: boolean;
}

/** Starts `node <entry>` listening on 127.0.0.1:<port>; its stdout/stderr go to ours with a name prefix. */
export function spawnService(options: SpawnOptions): ServiceProcess {
  if (!existsSync(options.entry)) {
    throw new Error(`${options.entry} does not exist: run \`npm run build\` first`);
  }
  const child = spawn(process.execPath, [options.entry], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(options.port), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    const lines = createInterface({ input: stream });
    lines.on('line', (line) => {
      if (options.echo) process.stdout.write(`[${options.name}] ${line}\n`);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  return { name: options.name, url: `http://127.0.0.1:${options.port}`, child, exited };
}

/** Waits until `GET <url><path>` answers 200, failing early if the process dies. */
export async function waitUntilUp(service: ServiceProcess, path = '/health', timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let died = false;
  void service.exited.then(() => {
    died = true;
  });
  for (;;) {
    if (died) throw new Error(`${service.name} exited before it answered ${path}`);
    try {
      const response = await fetch(`${service.url}${path}`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${service.name} did not answer ${path} with 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM, then SIGKILL after `graceMs` for a process that will not stop. */
export async function stopService(service: ServiceProcess, graceMs = 15_000): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
}

/** A loopback port free right now (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** Peak resident set size of a process in KiB (VmHWM), or null off Linux or once it has exited. */
export function peakRssKib(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export interface StackOptions {
  agentPort: number;
  orchestratorPort: number;
  /** Extra environment for the agent (KUBECONFIG, ...). */
  agentEnv?: Record<string, string>;
  /** Extra environment for the orchestrator. */
  orchestratorEnv?: Record<string, string>;
  echo: boolean;
}

/** The agent, then the orchestrator pointed at it; resolves once both answer /health. */
export async function startStack(
  options: StackOptions,
): Promise<{ agent: ServiceProcess; orchestrator: ServiceProcess }> {
  const agent = spawnService({
    name: 'k8s-agent',
    entry: AGENT_ENTRY,
    port: options.agentPort,
    env: options.agentEnv ?? {},
    echo: options.echo,
  });
  const orchestrator = spawnService({
    name: 'orchestrator',
    entry: ORCHESTRATOR_ENTRY,
    port: options.orchestratorPort,
    env: { K8S_AGENT_BASE_URL: agent.url, ...(options.orchestratorEnv ?? {}) },
    echo: options.echo,
  });
  try {
    await Promise.all([waitUntilUp(agent), waitUntilUp(orchestrator)]);
  } catch (error) {
    await Promise.all([stopService(agent, 2_000), stopService(orchestrator, 2_000)]);
    throw error;
  }
  return { agent, orchestrator };
}
