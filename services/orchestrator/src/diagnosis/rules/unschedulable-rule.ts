import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import { quote } from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';

export const SchedulingCause = {
  InsufficientCpu: 'insufficient_cpu',
  InsufficientMemory: 'insufficient_memory',
  InsufficientGpu: 'insufficient_gpu',
  InsufficientResource: 'insufficient_resource',
  Taints: 'taints',
  NodeAffinity: 'node_affinity',
  PodAffinity: 'pod_affinity',
  UnboundPvc: 'unbound_pvc',
  TooManyPods: 'too_many_pods',
  HostPort: 'host_port',
  NodeUnschedulable: 'node_unschedulable',
} as const;

const REASON_PATTERNS: ReadonlyArray<{ cause: string; pattern: RegExp }> = [
  { cause: SchedulingCause.InsufficientGpu, pattern: /Insufficient [\w.-]*\/?gpu/i },
  { cause: SchedulingCause.InsufficientCpu, pattern: /Insufficient cpu/i },
  { cause: SchedulingCause.InsufficientMemory, pattern: /Insufficient memory/i },
  { cause: SchedulingCause.InsufficientResource, pattern: /Insufficient [\w./-]+/i },
  { cause: SchedulingCause.TooManyPods, pattern: /Too many pods/i },
  {
    cause: SchedulingCause.UnboundPvc,
    pattern:
      /unbound (?:immediate )?PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found|pvc .* not found|waiting for first consumer/i,
  },
  {
    cause: SchedulingCause.NodeAffinity,
    pattern:
      /node affinity|node\(s\) didn't match (?:Pod's )?node ?selector|didn't match node selector|volume node affinity conflict/i,
  },
  { cause: SchedulingCause.PodAffinity, pattern: /pod (?:anti-)?affinity/i },
  { cause: SchedulingCause.NodeUnschedulable, pattern: /node\(s\) were unschedulable/i },
  { cause: SchedulingCause.Taints, pattern: /taint/i },
  { cause: SchedulingCause.HostPort, pattern: /free ports/i },
];

/**
 * The scheduler's verdict, `0/5 nodes are available: 1 node(s) had untolerated taint {...}, 4 Insufficient memory.
 * preemption: ...`: the reason that rules out the most nodes is the sub-cause. The preemption
 * suffix repeats the node count and is not a reason.
 */
export function classifySchedulingMessage(message: string): {
  cause: string | null;
  reasons: Array<{ count: number; text: string; cause: string | null }>;
} {
  const main = message.split(/\.?\s*preemption:/i)[0] ?? message;
  const body = main.replace(/^.*?nodes? (?:are|is) available:\s*/i, '');
  const reasons = body
    .split(/,\s*(?=\d+\s)|\.\s+/)
    .map((part) => part.trim().replace(/\.$/, ''))
    .filter((part) => part.length > 0)
    .map((part) => {
      const m = /^(\d+)\s+(.*)$/.exec(part);
      const text = m?.[2] ?? part;
      return {
        count: m ? Number(m[1]) : 0,
        text,
        cause: REASON_PATTERNS.find((r) => r.pattern.test(text))?.cause ?? null,
      };
    });
  const classified = reasons.filter((r) => r.cause !== null);
  // An unbound claim blocks every node at once and is stated without a count.
  const best = classified.reduce<(typeof classified)[number] | null>(
    (top, r) => (top === null || r.count > top.count ? r : top),
    null,
  );
  return { cause: best?.cause ?? REASON_PATTERNS.find((r) => r.pattern.test(main))?.cause ?? null, reasons };
}

const REMEDIATION: Record<string, string[]> = {
  [SchedulingCause.InsufficientCpu]: [
    'Lower the CPU request to what the container really uses, or add nodes / let the cluster autoscaler scale up.',
    'Check allocatable vs requested: kubectl describe nodes | grep -A8 "Allocated resources"',
  ],
  [SchedulingCause.InsufficientMemory]: [
    'Lower the memory request to what the container really uses, or add nodes with more memory.',
    'Check allocatable vs requested: kubectl describe nodes | grep -A8 "Allocated resources"',
  ],
  [SchedulingCause.InsufficientGpu]: [
    'Add GPU nodes (or scale the GPU node pool), and check the device plugin advertises the GPUs: kubectl describe node <gpu-node>.',
  ],
  [SchedulingCause.Taints]: [
    'Add a toleration for the taint to the pod spec, or remove the taint from the nodes meant for it (kubectl taint nodes <node> <key>-).',
  ],
  [SchedulingCause.NodeAffinity]: [
    "Compare the pod's nodeSelector/affinity with the node labels (kubectl get nodes --show-labels) and fix the selector or label the nodes.",
  ],
  [SchedulingCause.PodAffinity]: ['Relax the pod (anti-)affinity rules or add nodes/zones so they can be satisfied.'],
  [SchedulingCause.UnboundPvc]: [
    'Check the claim: kubectl get pvc -n <ns>; its StorageClass must exist and be able to provision, or a matching PersistentVolume must exist.',
  ],
  [SchedulingCause.TooManyPods]: [
    'The nodes reached their max-pods: add nodes or raise the kubelet max-pods / CNI IP limits.',
  ],
};

/** A pod the scheduler cannot place: FailedScheduling events or PodScheduled=False (Unschedulable). */
export const unschedulableRule: DiagnosisRule = {
  name: 'unschedulable',
  category: DiagnosisCategory.Unschedulable,
  analyze(context: DiagnosisContext): Candidate[] {
    const { pod } = context;
    // PodScheduled=False with reason Unschedulable is the scheduler's verdict; without the reason it has not tried yet.
    const condition = pod.conditions.find(
      (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
    );
    // The scheduler keeps retrying a pod without a node, so even an older verdict still stands.
    const event = context.events.find((e) => e.event.reason === 'FailedScheduling' && (e.recent || !pod.node_name));
    if (!condition && !event) return [];
    if (pod.node_name && !condition) return [];
    const message = event?.event.message ?? condition?.message ?? '';
    const { cause } = classifySchedulingMessage(message);
    const requests = Object.entries(pod.resource_requests)
      .flatMap(([, r]) => Object.entries(r))
      .reduce<Record<string, string[]>>((acc, [k, v]) => {
        acc[k] = [...(acc[k] ?? []), v];
        return acc;
      }, {});
    const asked =
      cause === SchedulingCause.InsufficientCpu && requests.cpu
        ? ` The pod requests ${requests.cpu.join(' + ')} CPU.`
        : cause === SchedulingCause.InsufficientMemory && requests.memory
          ? ` The pod requests ${requests.memory.join(' + ')} memory.`
          : '';
    const attempts = event && event.event.count > 1 ? ` (${event.event.count} attempts)` : '';
    const evidence: EvidencePointer[] = [];
    if (event)
      evidence.push({
        source: 'event',
        ref: event.ref,
        detail: `FailedScheduling: ${quote(event.event.message, 400)}`,
      });
    if (condition)
      evidence.push({
        source: 'condition',
        ref: `pod_details.conditions[${pod.conditions.indexOf(condition)}]`,
        detail: `PodScheduled=False ${condition.reason ?? ''}: ${quote(condition.message ?? '')}`,
      });
    return [
      {
        category: DiagnosisCategory.Unschedulable,
        sub_cause: cause,
        container: null,
        confidence: Confidence.High,
        summary: `Pod ${pod.name} cannot be scheduled${attempts}: ${message ? quote((message.split(/\s*preemption:/i)[0] ?? message).replace(/\.$/, ''), 300) : 'the scheduler gave no reason'}.${asked}`,
        primary: pod.phase === 'Pending' || !pod.node_name,
        evidence,
        remediation: REMEDIATION[cause ?? ''] ?? [
          "Read the scheduler message and compare the pod's requests, selectors and tolerations with the nodes.",
        ],
      },
    ];
  },
};
