import { ConfigError } from '@sre-orchestrator/service-kit';
import { describe, expect, it } from 'vitest';
import { loadAgentConfig } from '../../src/config.js';

describe('loadAgentConfig', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    // Act
    const config = loadAgentConfig({});

    // Assert
    expect(config).toEqual({
      PORT: 8081,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      K8S_REQUEST_TIMEOUT_MS: 10_000,
      LOG_TAIL_DEFAULT: 100,
      LOG_TAIL_MAX: 5000,
      LOG_LIMIT_BYTES_DEFAULT: 262_144,
      LOG_LIMIT_BYTES_MAX: 1_048_576,
      MASK_SECRETS: true,
      ALLOW_INSECURE_KUBE_API: false,
    });
  });

  it('when values are set as strings, then they are converted', () => {
    // Act
    const config = loadAgentConfig({
      PORT: '9000',
      MASK_SECRETS: 'false',
      ALLOW_INSECURE_KUBE_API: 'true',
      K8S_REQUEST_TIMEOUT_MS: '2500',
      AGENT_NAMESPACE: 'sre',
    });

    // Assert
    expect(config).toMatchObject({
      PORT: 9000,
      MASK_SECRETS: false,
      ALLOW_INSECURE_KUBE_API: true,
      K8S_REQUEST_TIMEOUT_MS: 2500,
      AGENT_NAMESPACE: 'sre',
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['K8S_REQUEST_TIMEOUT_MS', '-1'],
    ['LOG_LEVEL', 'verbose'],
    ['MASK_SECRETS', 'maybe'],
    ['AGENT_NAMESPACE', 'Not_A_Namespace'],
  ])('when %s is %j, then a ConfigError names the variable', (name, value) => {
    // Act
    const act = () => loadAgentConfig({ [name]: value });

    // Assert
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(new RegExp(name));
  });

  it('when a default exceeds its maximum, then a ConfigError names the default', () => {
    // Act
    const act = () => loadAgentConfig({ LOG_TAIL_DEFAULT: '6000' });

    // Assert
    expect(act).toThrow(/LOG_TAIL_DEFAULT: must not exceed LOG_TAIL_MAX \(5000\)/);
  });
});
