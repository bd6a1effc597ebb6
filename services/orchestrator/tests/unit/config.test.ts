import { ConfigError } from '@sre-orchestrator/service-kit';
import { describe, expect, it } from 'vitest';
import { loadOrchestratorConfig } from '../../src/config.js';

describe('loadOrchestratorConfig', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    // Act
    const config = loadOrchestratorConfig({});

    // Assert
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      K8S_AGENT_BASE_URL: 'http://sre-orchestrator-k8s-agent.default.svc.cluster.local',
      DEFAULT_NAMESPACE: 'default',
      LOG_LEVEL: 'info',
      INVESTIGATION_TIMEOUT_MS: 60_000,
      INCIDENT_STORE_MAX_INCIDENTS: 1000,
      INVESTIGATION_CONCURRENCY: 4,
      INVESTIGATION_QUEUE_MAX: 100,
    });
    expect(config.KNOWLEDGE_GRAPH_PATH).toBeUndefined();
  });

  it('when values are set, then they are converted to their types', () => {
    // Act
    const config = loadOrchestratorConfig({
      PORT: '9090',
      AGENT_MAX_RETRIES: '0',
      KNOWLEDGE_GRAPH_PATH: '/etc/kg.yaml',
    });

    // Assert
    expect(config).toMatchObject({ PORT: 9090, AGENT_MAX_RETRIES: 0, KNOWLEDGE_GRAPH_PATH: '/etc/kg.yaml' });
  });

  it.each([
    ['INVESTIGATION_CONCURRENCY', '0'],
    ['PORT', 'eighty'],
    ['K8S_AGENT_BASE_URL', 'agent:8081'],
    ['DEFAULT_NAMESPACE', 'Not_A_Namespace'],
    ['LOG_LEVEL', 'verbose'],
  ])('when %s is %j, then a ConfigError names the variable', (name, value) => {
    // Act
    const failure = (() => {
      try {
        loadOrchestratorConfig({ [name]: value });
      } catch (error) {
        return error;
      }
    })();

    // Assert
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toContain(name);
  });
});
