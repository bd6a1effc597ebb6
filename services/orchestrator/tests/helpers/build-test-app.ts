import { Writable } from 'node:stream';
import type { Incident } from '@sre-orchestrator/contracts';
import { isFinished } from '@sre-orchestrator/contracts';
import type { AppInstance } from '@sre-orchestrator/service-kit';
import { type Dispatcher, MockAgent } from 'undici';
import { onTestFinished } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadOrchestratorConfig } from '../../src/config.js';
import type { KnowledgeGraph } from '../../src/knowledge-graph/index.js';
import { K8sAgentClient } from '../../src/services/k8s-agent-client.js';
import type { IncidentRepository } from '../../src/store/incident-repository.js';

export const AGENT_URL = 'http://agent.test';

export interface TestApp {
  app: AppInstance;
  mockAgent: MockAgent;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
}

/**
 * The orchestrator as tests drive it: its agent client talks to an undici MockAgent that refuses
 * real network, logs are captured, and the app is closed when the test ends.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  options: { store?: IncidentRepository; dispatcher?: Dispatcher; agentUrl?: string; graph?: KnowledgeGraph } = {},
): Promise<TestApp> {
  const config = loadOrchestratorConfig({
    K8S_AGENT_BASE_URL: options.agentUrl ?? AGENT_URL,
    LOG_LEVEL: 'info',
    AGENT_MAX_RETRIES: '0',
    ...env,
  });
  const mockAgent = new MockAgent();
  mockAgent.disableNetConnect();
  const agentClient = new K8sAgentClient(config.K8S_AGENT_BASE_URL, {
    dispatcher: options.dispatcher ?? mockAgent,
    timeoutMs: config.AGENT_REQUEST_TIMEOUT_MS,
    maxRetries: config.AGENT_MAX_RETRIES,
    backoffBaseMs: 1,
  });
  const logs: Array<Record<string, unknown>> = [];
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      callback();
    },
  });
  const app = await buildApp({
    config,
    agentClient,
    logStream,
    ...(options.store ? { store: options.store } : {}),
    ...(options.graph ? { graph: options.graph } : {}),
  });
  onTestFinished(async () => {
    await app.close();
    await mockAgent.close();
  });
  return { app, mockAgent, logs };
}

/** POSTs a description and returns the new incident's id. */
export async function report(app: AppInstance, description: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/incidents', payload: { description } });
  if (response.statusCode !== 202) throw new Error(`POST answered ${response.statusCode}: ${response.body}`);
  return response.json<{ incident_id: string }>().incident_id;
}

/** Polls the incident until it is completed or failed. */
export async function waitForFinished(app: AppInstance, id: string, timeoutMs = 5_000): Promise<Incident> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await app.inject({ method: 'GET', url: `/api/v1/incidents/${id}` });
    const incident = response.json<Incident>();
    if (isFinished(incident)) return incident;
    if (Date.now() > until) throw new Error(`incident ${id} still ${incident.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
