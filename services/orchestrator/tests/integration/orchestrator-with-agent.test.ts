import { KubeConfig } from '@kubernetes/client-node';
import type { Incident } from '@sre-orchestrator/contracts';
import { type FakeKubeApi, findScenario, SCENARIOS, startFakeKubeApi } from '@sre-orchestrator/fake-kube-api';
import { buildApp as buildAgentApp, loadAgentConfig } from '@sre-orchestrator/k8s-agent';
import type { AppInstance } from '@sre-orchestrator/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/local-stack.js';
import { buildApp } from '../../src/app.js';
import { loadOrchestratorConfig } from '../../src/config.js';
import { report, waitForFinished } from '../helpers/build-test-app.js';

/**
 * The orchestrator against the real k8s-agent (listening on an ephemeral port) and the fake
 * Kubernetes API holding the built-in scenarios: from POST to a finished incident over real HTTP.
 */
describe('orchestrator with the k8s-agent and a fake cluster', { timeout: 30_000 }, () => {
  let kube: FakeKubeApi;
  let agent: AppInstance;
  let agentUrl: string;
  let orchestrator: AppInstance;

  beforeAll(async () => {
    kube = await startFakeKubeApi();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kube.kubeconfigPath);
    agent = await buildAgentApp({ config: loadAgentConfig({ LOG_LEVEL: 'silent' }), kubeConfig });
    agentUrl = await agent.listen({ port: 0, host: '127.0.0.1' });
    orchestrator = await buildApp({
      config: loadOrchestratorConfig({ K8S_AGENT_BASE_URL: agentUrl, LOG_LEVEL: 'silent' }),
    });
  }, 30_000);

  afterAll(async () => {
    await orchestrator?.close();
    await agent?.close();
    await kube?.close();
  });

  const investigate = async (description: string): Promise<Incident> =>
    waitForFinished(orchestrator, await report(orchestrator, description), 15_000);

  it('when a pod was OOM-killed, then the incident holds the previous logs and an oom_killed diagnosis', async () => {
    // Arrange
    const scenario = findScenario('oom-killed');

    // Act
    const incident = await investigate(`Pod '${scenario.pod}' in namespace ${scenario.namespace} keeps restarting`);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.extracted_entities).toMatchObject({ pod_name: scenario.pod, namespace: scenario.namespace });
    expect(incident.evidence.pod_details?.name).toBe(scenario.pod);
    const previous = Object.values(incident.evidence.pod_logs ?? {}).filter((l) => l.previous);
    expect(previous.length).toBeGreaterThan(0);
    expect(incident.diagnosis?.category).toBe('oom_killed');
    expect(incident.suggested_root_cause).toEqual(expect.any(String));
  });

  it('when the pod does not exist, then the incident completes with a not-found finding', async () => {
    // Act
    const incident = await investigate('pod ghost-6d7f8c9b4-zzzzz in namespace payments is crashing');

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.evidence.finding).toBe('pod ghost-6d7f8c9b4-zzzzz not found in namespace payments');
    expect(incident.evidence.errors).toContainEqual(expect.objectContaining({ source: 'pod_details', code: 404 }));
    expect(incident.diagnosis?.category).toBe('pod_not_found');
  });

  it('when a multi-container pod cannot reach a dependency, then logs of its containers are collected', async () => {
    // Arrange
    const scenario = findScenario('dependency-refused');

    // Act
    const incident = await investigate(`pod ${scenario.pod} in namespace ${scenario.namespace} is failing`);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.evidence.pod_details?.containers.length).toBeGreaterThan(1);
    expect(Object.keys(incident.evidence.pod_logs ?? {}).length).toBeGreaterThan(0);
    expect(incident.diagnosis?.category).toBe('dependency_unreachable');
  });

  it('when a pod cannot be scheduled, then it completes with the logs failure recorded and an unschedulable diagnosis', async () => {
    // Arrange
    const scenario = findScenario('unschedulable-resources');

    // Act
    const incident = await investigate(`pod ${scenario.pod} in namespace ${scenario.namespace} is stuck Pending`);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.evidence.pod_details?.phase).toBe('Pending');
    const currentLines = Object.values(incident.evidence.pod_logs ?? {}).flatMap((l) => l.current?.lines ?? []);
    const logErrors = (incident.evidence.errors ?? []).filter((e) => e.source === 'pod_logs');
    expect(currentLines.length === 0 || logErrors.length > 0).toBe(true);
    expect(incident.diagnosis?.category).toBe('unschedulable');
  });

  it('when the agent may not read the namespace, then the incident completes with the RBAC finding', async () => {
    // Arrange
    const scenario = findScenario('forbidden-namespace');

    // Act
    const incident = await investigate(`pod '${scenario.pod}' in namespace '${scenario.namespace}' is crashing`);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.evidence.finding).toMatch(/^the k8s-agent is not allowed to read pod .* is forbidden/);
    expect(incident.evidence.errors).toContainEqual(expect.objectContaining({ source: 'pod_details', code: 403 }));
  });

  // Every scenario of the fake cluster, end to end: extraction, the real agent and client-node, diagnosis.
  it.each(SCENARIOS.map((s) => s.id))(
    'when the cluster holds scenario %s, then the incident completes with its expected category',
    async (id) => {
      // Arrange
      const scenario = findScenario(id);

      // Act
      const incident = await investigate(`pod ${scenario.pod} in namespace ${scenario.namespace} has a problem`);

      // Assert
      expect(incident.status).toBe('completed');
      expect(incident.diagnosis?.category).toBe(scenario.expectedCategory);
    },
  );

  it('when the agent is down, then the incident fails saying the agent is unreachable', async () => {
    // Arrange
    const down = await buildApp({
      config: loadOrchestratorConfig({
        K8S_AGENT_BASE_URL: `http://127.0.0.1:${await freePort()}`,
        LOG_LEVEL: 'silent',
        AGENT_MAX_RETRIES: '1',
      }),
    });

    // Act
    const incident = await waitForFinished(down, await report(down, 'pod web-1 in namespace shop is crashing'));
    await down.close();

    // Assert
    expect(incident.status).toBe('failed');
    expect(incident.error).toContain('k8s-agent unreachable');
    expect(incident.evidence.errors?.every((e) => e.code === 0 && e.kind === 'unavailable')).toBe(true);
  });
});
