import { KubeError, KubeFailure } from './kube-error.js';
import type { KubeGateway } from './kube-gateway.js';

/**
 * The gateway used when the agent has no usable Kubernetes configuration: every call fails with the reason,
 * so the process keeps serving /health and answers 503 (with that reason) on Kubernetes routes.
 */
export function createUnconfiguredGateway(reason: string, server: string | null = null): KubeGateway {
  const fail = async (): Promise<never> => {
    throw new KubeError(KubeFailure.NotConfigured, reason);
  };
  return { server, readPod: fail, readOwnerMetadata: fail, readPodLog: fail, listPodEvents: fail, listOnePod: fail };
}
