import type { V1OwnerReference } from '@kubernetes/client-node';
import type { OwnerRef } from '@sre-orchestrator/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { type KubeGateway, OwnerKind } from '../kube/kube-gateway.js';

// Deployment → ReplicaSet → Pod is the deepest built-in chain (CronJob → Job → Pod the other); the bound
// only guards against an ownerReference cycle.
const MAX_DEPTH = 5;

const READABLE_KINDS = new Set<string>(Object.values(OwnerKind));

/** The reference Kubernetes treats as the managing controller: `controller: true`, else the first. */
function controllerReference(refs: V1OwnerReference[] | undefined): V1OwnerReference | undefined {
  return refs?.find((ref) => ref.controller) ?? refs?.[0];
}

/**
 * Follows ownerReferences from the pod up to the top-level controller by reading each owner. An owner
 * that cannot be read (deleted, forbidden, a kind the agent does not read, or any failure) is reported
 * with `resolved: false` and ends the chain: the pod's details are still worth returning.
 */
export async function resolveOwnerChain(
  gateway: KubeGateway,
  namespace: string,
  podOwners: V1OwnerReference[] | undefined,
  log: FastifyBaseLogger,
): Promise<OwnerRef[]> {
  const chain: OwnerRef[] = [];
  let ref = controllerReference(podOwners);
  while (ref && chain.length < MAX_DEPTH) {
    const link: OwnerRef = {
      kind: ref.kind,
      name: ref.name,
      api_version: ref.apiVersion ?? null,
      uid: ref.uid ?? null,
      resolved: false,
    };
    chain.push(link);
    if (!READABLE_KINDS.has(ref.kind)) break;
    try {
      const metadata = await gateway.readOwnerMetadata(namespace, ref.kind as OwnerKind, ref.name);
      link.resolved = true;
      ref = controllerReference(metadata.ownerReferences);
    } catch (error) {
      log.warn({ err: error, owner: `${link.kind}/${link.name}` }, 'owner could not be read; owner chain stops here');
      break;
    }
  }
  return chain;
}
