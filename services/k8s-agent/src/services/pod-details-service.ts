import type { PodDetails } from '@sre-orchestrator/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { kubeErrorToAppError } from '../kube/kube-error-mapping.js';
import type { KubeGateway } from '../kube/kube-gateway.js';
import { resolveOwnerChain } from './owner-chain-resolver.js';
import { mapPodDetails } from './pod-details-mapper.js';

/** Reads a pod and its owners and returns what `GET /api/v1/pods/{namespace}/{name}` answers. */
export async function getPodDetails(
  gateway: KubeGateway,
  namespace: string,
  name: string,
  log: FastifyBaseLogger,
): Promise<PodDetails> {
  const pod = await gateway.readPod(namespace, name).catch((error: unknown) => {
    throw kubeErrorToAppError(error, { verb: 'get', resource: 'pods', namespace });
  });
  const chain = await resolveOwnerChain(gateway, namespace, pod.metadata?.ownerReferences, log);
  return mapPodDetails(pod, chain);
}
