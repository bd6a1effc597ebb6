import { Confidence, DiagnosisCategory } from '@sre-orchestrator/contracts';
import { quote } from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';

export const VolumeCause = { FailedMount: 'failed_mount', FailedAttach: 'failed_attach' } as const;

/**
 * A pod stuck in ContainerCreating because a volume cannot be attached to the node
 * (FailedAttachVolume, Multi-Attach) or mounted into the pod (FailedMount).
 */
export const volumeMountFailureRule: DiagnosisRule = {
  name: 'volume-mount-failure',
  category: DiagnosisCategory.VolumeMountFailure,
  analyze(context: DiagnosisContext): Candidate[] {
    // A pod still stuck starting keeps its mount failures relevant however old the event.
    const stuck = context.containers.some(
      (c) =>
        c.info.state?.kind === 'waiting' &&
        ['ContainerCreating', 'PodInitializing'].includes(c.info.state.reason ?? ''),
    );
    const attach = context.events.find(
      (e) =>
        (e.recent || stuck) && (e.event.reason === 'FailedAttachVolume' || /Multi-Attach error/i.test(e.event.message)),
    );
    const mount = context.events.filter((e) => (e.recent || stuck) && e.event.reason === 'FailedMount');
    // The kubelet's summary ("Unable to attach or mount volumes ... timed out") says less than the specific one.
    const specificMount = mount.find((e) => !/^Unable to attach or mount volumes/i.test(e.event.message)) ?? mount[0];
    const decisive = attach ?? specificMount;
    if (!decisive) return [];
    const sub = attach ? VolumeCause.FailedAttach : VolumeCause.FailedMount;
    const message = decisive.event.message;
    const volume =
      /volumes? "([^"]+)"/.exec(message)?.[1] ?? /unmounted volumes=\[([^\]]+)\]/.exec(message)?.[1] ?? null;
    const claim = volume ? context.pod.volumes.find((v) => v.name === volume)?.source_name : null;
    const primary = stuck || context.pod.phase === 'Pending';
    // A failed mount command's own output ("mount.nfs: Connection timed out") is the telling part.
    const output = /\nOutput: (.+)/.exec(message)?.[1];
    const headline = output ? `${message.split('\n')[0]} … ${output}` : message;
    const times = decisive.event.count > 1 ? ` (${decisive.event.count} times)` : '';
    const evidence = [decisive, ...mount.filter((m) => m !== decisive).slice(0, 1)].map((e) => ({
      source: 'event',
      ref: e.ref,
      detail: `${e.event.reason}: ${quote(e.event.message, 400)}`,
    }));
    const multiAttach = /Multi-Attach/i.test(message);
    // `MountVolume.SetUp failed for volume "tls" : secret "edge-tls" not found`: the object, not the storage.
    const missing = /\b(secret|configmap) "([^"]+)" not found/i.exec(message);
    return [
      {
        category: DiagnosisCategory.VolumeMountFailure,
        sub_cause: sub,
        container: null,
        confidence: Confidence.High,
        summary: `Pod ${context.pod.name} is stuck starting because volume ${volume ?? '(unnamed)'}${claim ? ` (claim ${claim})` : ''} could not be ${sub === VolumeCause.FailedAttach ? 'attached to the node' : 'mounted'}${times}: ${quote(headline, 260)}`,
        primary,
        evidence,
        remediation: missing
          ? [
              `Create ${missing[1]?.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap'} ${missing[2]} in namespace ${context.pod.namespace} (or fix the name in the pod's volumes); the pod starts on the kubelet's next retry.`,
              'If another tool creates it (cert-manager, External Secrets, a Helm release), check that tool synced it.',
            ]
          : multiAttach
            ? [
                'The ReadWriteOnce volume is still attached to another node: make sure the old pod is gone (kubectl get pods -o wide), then check the VolumeAttachment objects.',
              ]
            : sub === VolumeCause.FailedAttach
              ? [
                  'Check the CSI driver / cloud attach limits and the VolumeAttachment: kubectl get volumeattachment | grep <pv>.',
                ]
              : [
                  'Check the volume source: the PVC is Bound (kubectl get pvc), the NFS/CSI server is reachable from the node, and the CSI node plugin is running.',
                  `Read the kubelet log on node ${context.pod.node_name ?? '<node>'} for the mount error.`,
                ],
      },
    ];
  },
};
