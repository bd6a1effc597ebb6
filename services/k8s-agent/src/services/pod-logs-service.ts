import type { V1Pod } from '@kubernetes/client-node';
import type { PodLogs, PodLogsQuery } from '@sre-orchestrator/contracts';
import { AppError, badRequest } from '@sre-orchestrator/service-kit';
import { kubeErrorToAppError } from '../kube/kube-error-mapping.js';
import type { KubeGateway } from '../kube/kube-gateway.js';
import { maskSecrets } from '../masking/mask-secrets.js';
import { ContainerSelection, selectContainer } from './container-selector.js';

export interface LogLimits {
  tailDefault: number;
  tailMax: number;
  limitBytesDefault: number;
  limitBytesMax: number;
  maskSecrets: boolean;
}

// The apiserver's wording for a container the pod does not have (pkg/registry/core/pod/storage: validateContainer).
const UNKNOWN_CONTAINER = /^container \S+ is not valid for pod \S+$/;

/**
 * Fetches one container's log. Kubernetes is asked for one byte more than the limit so a cut can be told
 * from a log of exactly that size; the answer is cut to the limit and a partial last line dropped.
 * Kubernetes' own refusals (no previous instance, still waiting, unknown container) come back as 4xx with
 * its message.
 */
export async function getPodLogs(
  gateway: KubeGateway,
  namespace: string,
  podName: string,
  query: PodLogsQuery,
  limits: LogLimits,
): Promise<PodLogs> {
  const tail = query.tail ?? limits.tailDefault;
  if (tail > limits.tailMax)
    throw badRequest(`tail must be at most ${limits.tailMax} (got ${tail})`, { field: 'tail' });
  const limitBytes = query.limit_bytes ?? limits.limitBytesDefault;
  if (limitBytes > limits.limitBytesMax) {
    throw badRequest(`limit_bytes must be at most ${limits.limitBytesMax} (got ${limitBytes})`, {
      field: 'limit_bytes',
    });
  }
  const previous = query.previous ?? false;
  const timestamps = query.timestamps ?? false;
  const sinceSeconds = query.since_seconds ?? null;

  const pod = await gateway.readPod(namespace, podName).catch((error: unknown) => {
    throw kubeErrorToAppError(error, { verb: 'get', resource: 'pods', namespace });
  });
  const chosen = query.container
    ? { name: query.container, selection: ContainerSelection.Requested }
    : selectContainer(pod);
  if (!chosen) throw badRequest(`pod "${podName}" has no containers`);

  const answer = (text: string, truncated: boolean): PodLogs => {
    const lines = splitLines(text);
    const masked = limits.maskSecrets ? maskSecrets(lines) : { lines, maskedCount: 0 };
    return {
      namespace,
      pod: podName,
      container: chosen.name,
      previous,
      container_selection: chosen.selection,
      lines: masked.lines,
      line_count: masked.lines.length,
      truncated,
      tail,
      limit_bytes: limitBytes,
      since_seconds: sinceSeconds,
      timestamps,
      masked_count: masked.maskedCount,
    };
  };

  // An unknown container is still asked for, so the 404 below carries Kubernetes' own words. A pod not
  // scheduled yet has no kubelet holding a log: the apiserver answers an empty body, and so does the agent.
  const unknownContainer = query.container !== undefined && !hasContainer(pod, query.container);
  if (!unknownContainer && !pod.spec?.nodeName) return answer('', false);

  let text: string;
  try {
    text = await gateway.readPodLog(namespace, podName, {
      container: chosen.name,
      previous,
      limitBytes: limitBytes + 1,
      timestamps,
      tailLines: tail,
      ...(sinceSeconds !== null ? { sinceSeconds } : {}),
    });
  } catch (error) {
    const mapped = kubeErrorToAppError(error, { verb: 'get', resource: 'pods/log', namespace });
    if (mapped.statusCode === 400 && UNKNOWN_CONTAINER.test(mapped.message)) {
      throw new AppError(404, 'ContainerNotFound', mapped.message, { container: chosen.name }, { cause: error });
    }
    throw mapped;
  }
  const { kept, truncated } = cutToLimit(text, limitBytes);
  return answer(kept, truncated);
}

function hasContainer(pod: V1Pod, name: string): boolean {
  const spec = pod.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])].some(
    (c) => c.name === name,
  );
}

/**
 * Keeps at most `limitBytes` bytes of the log; when that cuts a line, the partial line is dropped so no
 * half-line (or half a UTF-8 character) is returned.
 */
function cutToLimit(text: string, limitBytes: number): { kept: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limitBytes) return { kept: text, truncated: false };
  const head = bytes.subarray(0, limitBytes);
  const lastNewline = head.lastIndexOf(0x0a);
  return { kept: lastNewline < 0 ? '' : head.subarray(0, lastNewline + 1).toString('utf8'), truncated: true };
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}
