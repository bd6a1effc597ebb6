import { resolve } from 'node:path';

/** Settings of the standalone CLI, read once from the environment. */
export interface CliConfig {
  /** FAKE_KUBE_HOST: address to listen on (default 127.0.0.1). */
  host: string;
  /** FAKE_KUBE_PORT: port to listen on (default 6443; 0 picks a free one). */
  port: number;
  /** FAKE_KUBE_LATENCY_MS: delay before every answer (default 0). */
  latencyMs: number;
  /** FAKE_KUBE_KUBECONFIG: where to write the kubeconfig (default .fake-kube/kubeconfig under the cwd). */
  kubeconfigPath: string;
  /** FAKE_KUBE_TOKEN: the bearer token to accept (default random on every start). */
  token?: string;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function loadCliConfig(env: NodeJS.ProcessEnv, cwd: string): CliConfig {
  const token = env.FAKE_KUBE_TOKEN;
  return {
    host: env.FAKE_KUBE_HOST || '127.0.0.1',
    port: integer(env, 'FAKE_KUBE_PORT', 6443, 0, 65_535),
    latencyMs: integer(env, 'FAKE_KUBE_LATENCY_MS', 0, 0, 600_000),
    kubeconfigPath: resolve(cwd, env.FAKE_KUBE_KUBECONFIG || '.fake-kube/kubeconfig'),
    ...(token ? { token } : {}),
  };
}
