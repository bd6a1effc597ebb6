import { describe, expect, it } from 'vitest';
import { ConfigError, loadCliConfig } from '../src/config.js';

describe('CLI config', () => {
  it('when nothing is set, then it listens on 127.0.0.1:6443 and writes .fake-kube/kubeconfig under the cwd', () => {
    // Act
    const config = loadCliConfig({}, '/work/demo');

    // Assert
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 6443,
      latencyMs: 0,
      kubeconfigPath: '/work/demo/.fake-kube/kubeconfig',
    });
  });

  it('when every variable is set, then each is used', () => {
    // Act
    const config = loadCliConfig(
      {
        FAKE_KUBE_HOST: '0.0.0.0',
        FAKE_KUBE_PORT: '0',
        FAKE_KUBE_LATENCY_MS: '250',
        FAKE_KUBE_KUBECONFIG: 'out/kc.yaml',
        FAKE_KUBE_TOKEN: 'demo-token',
      },
      '/work/demo',
    );

    // Assert
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 0,
      latencyMs: 250,
      kubeconfigPath: '/work/demo/out/kc.yaml',
      token: 'demo-token',
    });
  });

  it.each([
    ['FAKE_KUBE_PORT', 'abc'],
    ['FAKE_KUBE_PORT', '70000'],
    ['FAKE_KUBE_LATENCY_MS', '-1'],
  ])('when %s is %s, then loading fails naming the variable', (name, value) => {
    // Act / Assert
    expect(() => loadCliConfig({ [name]: value }, '/')).toThrow(ConfigError);
    expect(() => loadCliConfig({ [name]: value }, '/')).toThrow(name);
  });
});
