import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkKubeConfig,
  loadKubeConfig,
  resolveAgentNamespace,
  SERVICE_ACCOUNT_DIR,
} from '../../src/kube/kube-config-loader.js';

// Inside a pod the in-cluster service account is a real configuration: the "nothing found" case cannot arise.
const runningInAPod = existsSync(`${SERVICE_ACCOUNT_DIR}/token`);

function kubeConfig(server: string, namespace?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: false }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u', ...(namespace ? { namespace } : {}) }],
    currentContext: 'ctx',
  });
  return kc;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('checkKubeConfig', () => {
  it('when the server is https, then the configuration is usable', () => {
    expect(
      checkKubeConfig(kubeConfig('https://10.0.0.1:6443'), { allowInsecure: false, source: 'test' }),
    ).toMatchObject({
      usable: true,
      server: 'https://10.0.0.1:6443',
    });
  });

  it('when the server is plain http, then it is refused with the variable that would allow it', () => {
    // Act
    const result = checkKubeConfig(kubeConfig('http://10.0.0.1:8080'), { allowInsecure: false, source: 'test' });

    // Assert
    expect(result.usable).toBe(false);
    expect(result.usable ? '' : result.reason).toMatch(/refusing plain-http .*ALLOW_INSECURE_KUBE_API=true/);
  });

  it('when plain http is explicitly allowed, then it is usable', () => {
    expect(checkKubeConfig(kubeConfig('http://127.0.0.1:8001'), { allowInsecure: true, source: 'test' }).usable).toBe(
      true,
    );
  });
});

describe('loadKubeConfig', () => {
  it('when KUBECONFIG names a missing file, then the configuration is unusable and the reason names the file', () => {
    // Arrange
    vi.stubEnv('KUBECONFIG', '/nonexistent/config');

    // Act
    const result = loadKubeConfig({ allowInsecure: false });

    // Assert
    expect(result.usable).toBe(false);
    expect(result.usable ? '' : result.reason).toContain('/nonexistent/config');
  });

  it.skipIf(runningInAPod)(
    'when no kubeconfig, home config or service account exists, then the silent localhost fallback is reported as not configured',
    () => {
      // Arrange
      const emptyHome = mkdtempSync(join(tmpdir(), 'k8s-agent-home-'));
      vi.stubEnv('KUBECONFIG', '');
      vi.stubEnv('HOME', emptyHome);
      vi.stubEnv('USERPROFILE', emptyHome);

      // Act
      const result = loadKubeConfig({ allowInsecure: true });

      // Assert
      expect(result.usable).toBe(false);
      expect(result.usable ? '' : result.reason).toMatch(/^no Kubernetes configuration found/);
    },
  );

  it('when KUBECONFIG names a valid file, then its current cluster is used', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'k8s-agent-kc-'));
    const file = join(dir, 'config');
    writeFileSync(file, kubeConfig('https://example.test:6443', 'payments').exportConfig());
    vi.stubEnv('KUBECONFIG', file);

    // Act
    const result = loadKubeConfig({ allowInsecure: false });

    // Assert
    expect(result).toMatchObject({ usable: true, server: 'https://example.test:6443' });
  });
});

describe('resolveAgentNamespace', () => {
  it('when AGENT_NAMESPACE is set, then it wins', () => {
    expect(resolveAgentNamespace('sre', kubeConfig('https://x', 'payments'), '/nonexistent')).toBe('sre');
  });

  it('when a service-account namespace file exists, then it comes before the kubeconfig context', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'k8s-agent-sa-'));
    writeFileSync(join(dir, 'namespace'), 'sre-orchestrator\n');

    // Act / Assert
    expect(resolveAgentNamespace(undefined, kubeConfig('https://x', 'payments'), dir)).toBe('sre-orchestrator');
  });

  it('when only the kubeconfig context names a namespace, then that namespace is used', () => {
    expect(resolveAgentNamespace(undefined, kubeConfig('https://x', 'payments'), '/nonexistent')).toBe('payments');
  });

  it('when nothing names a namespace, then default is used', () => {
    expect(resolveAgentNamespace(undefined, null, '/nonexistent')).toBe('default');
  });
});
