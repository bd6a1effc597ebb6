import { existsSync, readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';

/** Where client-node keeps the in-cluster service account's files. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** A kubeconfig the agent can use, or why there is none. */
export type KubeConfigResult =
  | { usable: true; kubeConfig: KubeConfig; server: string; source: string }
  | { usable: false; reason: string; kubeConfig: KubeConfig | null; server: string | null; source: string };

export interface KubeConfigLoadOptions {
  allowInsecure: boolean;
}

/**
 * Loads the Kubernetes configuration by the standard rules (KUBECONFIG, then ~/.kube/config, then the
 * in-cluster service account) and says plainly when none applies: client-node's loadFromDefault then
 * falls back to http://localhost:8080 without a word, which would look like an unreachable cluster.
 */
export function loadKubeConfig(options: KubeConfigLoadOptions): KubeConfigResult {
  const kubeConfig = new KubeConfig();
  // client-node reads KUBECONFIG itself; it is read here only to say where the configuration came from.
  const kubeconfigPath = process.env.KUBECONFIG;
  const source = kubeconfigPath ? `KUBECONFIG=${kubeconfigPath}` : 'default loading rules';
  try {
    kubeConfig.loadFromDefault();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return unusable(`cannot load the kubeconfig (${source}): ${detail}`, source);
  }
  const cluster = kubeConfig.getCurrentCluster();
  const user = kubeConfig.getCurrentUser();
  if (!cluster || (cluster.name === 'cluster' && cluster.server === 'http://localhost:8080' && user?.name === 'user')) {
    return unusable(
      'no Kubernetes configuration found: set KUBECONFIG, provide ~/.kube/config, or run in a pod with a service account token',
      source,
    );
  }
  return checkKubeConfig(kubeConfig, {
    allowInsecure: options.allowInsecure,
    source: describeSource(kubeConfig, source),
  });
}

/** Validates a kubeconfig given by the caller or loaded: a current cluster with an https server (unless allowed). */
export function checkKubeConfig(
  kubeConfig: KubeConfig,
  options: { allowInsecure: boolean; source: string },
): KubeConfigResult {
  const { source } = options;
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    return unusable(`the kubeconfig (${source}) has no current cluster`, source, kubeConfig);
  }
  const server = cluster.server;
  let protocol: string;
  try {
    protocol = new URL(server).protocol;
  } catch {
    return unusable(`the cluster server URL "${server}" is not a valid URL`, source, kubeConfig, server);
  }
  if (protocol === 'http:' && !options.allowInsecure) {
    return unusable(
      `refusing plain-http Kubernetes API server ${server}: credentials and pod data would travel unencrypted (set ALLOW_INSECURE_KUBE_API=true for local development only)`,
      source,
      kubeConfig,
      server,
    );
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    return unusable(
      `unsupported Kubernetes API server URL scheme "${protocol}" in ${server}`,
      source,
      kubeConfig,
      server,
    );
  }
  return { usable: true, kubeConfig, server, source };
}

function unusable(
  reason: string,
  source: string,
  kubeConfig: KubeConfig | null = null,
  server: string | null = null,
): KubeConfigResult {
  return { usable: false, reason, kubeConfig, server, source };
}

function describeSource(kubeConfig: KubeConfig, fallback: string): string {
  return kubeConfig.getCurrentCluster()?.name === 'inCluster' ? 'in-cluster service account' : fallback;
}

/**
 * The namespace the agent itself runs in, for the readiness check: AGENT_NAMESPACE, else the in-cluster
 * service account's namespace file, else the kubeconfig context's namespace, else `default`.
 */
export function resolveAgentNamespace(
  configured: string | undefined,
  kubeConfig: KubeConfig | null,
  serviceAccountDir = SERVICE_ACCOUNT_DIR,
): string {
  if (configured) return configured;
  const file = `${serviceAccountDir}/namespace`;
  if (existsSync(file)) {
    const fromFile = readFileSync(file, 'utf8').trim();
    if (fromFile) return fromFile;
  }
  const context = kubeConfig?.getContextObject(kubeConfig.getCurrentContext());
  return context?.namespace || 'default';
}
