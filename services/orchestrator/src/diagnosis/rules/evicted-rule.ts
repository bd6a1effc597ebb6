import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import { quote } from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';

export const EvictionCause = {
  MemoryPressure: 'memory_pressure',
  DiskPressure: 'disk_pressure',
  PidPressure: 'pid_pressure',
  EphemeralStorageLimit: 'ephemeral_storage_limit',
} as const;

/** Reads the kubelet's eviction message: `The node was low on resource: memory. ...`. */
export function classifyEvictionMessage(message: string): string | null {
  if (
    /exceeds the total limit|exceeded its local ephemeral storage limit|usage of ephemeral|emptyDir usage exceeds/i.test(
      message,
    )
  )
    return EvictionCause.EphemeralStorageLimit;
  if (/low on resource: memory|MemoryPressure/i.test(message)) return EvictionCause.MemoryPressure;
  if (/low on resource: (?:ephemeral-storage|nodefs|imagefs|inodes)|DiskPressure/i.test(message))
    return EvictionCause.DiskPressure;
  if (/low on resource: pids|PIDPressure/i.test(message)) return EvictionCause.PidPressure;
  return null;
}

const PRESSURE_TEXT: Record<string, string> = {
  [EvictionCause.MemoryPressure]: 'node memory pressure (MemoryPressure)',
  [EvictionCause.DiskPressure]: 'node disk pressure (DiskPressure)',
  [EvictionCause.PidPressure]: 'node PID pressure (PIDPressure)',
  [EvictionCause.EphemeralStorageLimit]: 'its ephemeral storage use exceeding its limit',
};

/** A pod the kubelet evicted (phase Failed, reason Evicted), with the node pressure that caused it. */
export const evictedRule: DiagnosisRule = {
  name: 'evicted',
  category: DiagnosisCategory.Evicted,
  analyze(context: DiagnosisContext): Candidate[] {
    const { pod } = context;
    const event = context.events.find((e) => e.event.reason === 'Evicted');
    if (pod.reason !== 'Evicted' && !event) return [];
    const message = pod.message ?? event?.event.message ?? '';
    const sub = classifyEvictionMessage(message) ?? (event ? classifyEvictionMessage(event.event.message) : null);
    const heavy = /Container (\S+) was using ([\w.]+), (?:request is|which exceeds its request of) ([\w.]+)/.exec(
      message,
    );
    const evidence: EvidencePointer[] = [];
    if (pod.reason === 'Evicted')
      evidence.push({
        source: 'pod_status',
        ref: 'pod_details.reason',
        detail: `phase ${pod.phase}, reason Evicted: ${quote(message, 400)}`,
      });
    if (event)
      evidence.push({ source: 'event', ref: event.ref, detail: `Evicted: ${quote(event.event.message, 400)}` });
    const node = pod.node_name ? ` on node ${pod.node_name}` : '';
    return [
      {
        category: DiagnosisCategory.Evicted,
        sub_cause: sub,
        container: heavy?.[1] ?? null,
        confidence: Confidence.High,
        summary: `Pod ${pod.name} was evicted${node} because of ${sub ? PRESSURE_TEXT[sub] : 'node resource pressure'}${heavy ? `; container ${heavy[1]} was using ${heavy[2]} against a request of ${heavy[3]}` : ''}.`,
        primary: pod.reason === 'Evicted' || pod.phase === 'Failed',
        evidence,
        remediation: [
          sub === EvictionCause.EphemeralStorageLimit
            ? 'Raise the ephemeral-storage limit or write less to the container filesystem / emptyDir (logs, caches, temp files).'
            : sub === EvictionCause.DiskPressure
              ? `Free disk on ${pod.node_name ?? 'the node'} (images, logs, emptyDirs) and set ephemeral-storage requests so the scheduler accounts for disk.`
              : 'Set memory requests equal to real use (pods using more than they request are evicted first), or limits to cap them; add node capacity.',
          `Check the node's conditions and what else runs there: kubectl describe node ${pod.node_name ?? '<node>'}`,
          'Delete the leftover evicted pod object once understood; its controller has already created a replacement.',
        ],
      },
    ];
  },
};
