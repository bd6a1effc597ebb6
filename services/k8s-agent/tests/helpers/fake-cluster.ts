import { KubeConfig } from '@kubernetes/client-node';
import { type FakeKubeApi, startFakeKubeApi } from '@sre-orchestrator/fake-kube-api';
import type { AppInstance } from '@sre-orchestrator/service-kit';
import { buildApp } from '../../src/app.js';
import { loadAgentConfig } from '../../src/config.js';

/** A KubeConfig as the agent would load it from the fake server's kubeconfig file, optionally edited first. */
export function kubeConfigFor(fake: FakeKubeApi, edit: (yaml: string) => string = (yaml) => yaml): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(edit(fake.kubeconfigYaml));
  return kubeConfig;
}

/** The real agent (client-node gateway included) over the fake Kubernetes API. */
export async function agentOver(
  fake: FakeKubeApi,
  env: NodeJS.ProcessEnv = {},
  kubeConfig = kubeConfigFor(fake),
): Promise<AppInstance> {
  return buildApp({ config: loadAgentConfig({ LOG_LEVEL: 'silent', ...env }), kubeConfig });
}

export { startFakeKubeApi };
