import { describe, expect, it } from 'vitest';
import { volumeMountFailureRule } from '../../../../src/diagnosis/rules/volume-mount-failure-rule.js';
import { contextFor, podWith } from '../context-for.js';

const creating = [{ name: 'app', ready: false, state: { kind: 'waiting', reason: 'ContainerCreating' } }];
const summaryEvent = {
  reason: 'FailedMount',
  message:
    'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-x1]: timed out waiting for the condition',
};

describe('volumeMountFailureRule', () => {
  it.each([
    {
      name: 'when a specific FailedMount follows the kubelet summary, then the specific message is the evidence',
      events: [
        summaryEvent,
        {
          reason: 'FailedMount',
          count: 4,
          message:
            'MountVolume.SetUp failed for volume "data" : rpc error: code = Internal desc = mount failed: exit status 32\nOutput: mount.nfs: access denied by server',
        },
      ],
      expected: [{ category: 'volume_mount_failure', sub_cause: 'failed_mount', primary: true }],
      summary: /volume data \(claim data-claim\) could not be mounted \(4 times\).*mount\.nfs: access denied by server/,
    },
    {
      name: 'when a Secret volume is missing, then FailedMount leads and the remedy is to create the Secret',
      events: [
        summaryEvent,
        { reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "data" : secret "web-tls" not found' },
      ],
      expected: [{ category: 'volume_mount_failure', sub_cause: 'failed_mount', primary: true }],
      summary: /volume data .*could not be mounted.*secret "web-tls" not found/,
      remediation: /Create Secret web-tls in namespace/,
    },
    {
      name: 'when a Multi-Attach error is reported, then the sub-cause is failed_attach',
      events: [
        summaryEvent,
        {
          reason: 'FailedAttachVolume',
          message:
            'Multi-Attach error for volume "pvc-1" Volume is already exclusively attached to one node and can\'t be attached to another',
        },
      ],
      expected: [{ sub_cause: 'failed_attach' }],
      summary: /attached to the node/,
    },
    {
      name: 'when the only mount failure is over an hour old and the pod runs, then nothing is reported',
      events: [{ ...summaryEvent, last_seen: '2026-12-03T13:00:00Z' }],
      containers: [{ name: 'app' }],
      phase: 'Running',
      expected: [],
      summary: null,
    },
    {
      name: 'when the pod is still stuck creating, then an older mount failure still explains it',
      events: [{ ...summaryEvent, last_seen: '2026-12-03T13:00:00Z' }],
      containers: undefined,
      phase: undefined,
      expected: [{ sub_cause: 'failed_mount', primary: true }],
      summary: /unmounted volumes/,
    },
  ])('$name', ({ events, expected, summary, containers, phase, remediation }) => {
    // Arrange
    const context = contextFor({
      pod_details: podWith(containers ?? creating, {
        phase: phase ?? 'Pending',
        volumes: [{ name: 'data', type: 'persistentVolumeClaim', source_name: 'data-claim' }],
      }),
      pod_events: events,
    });

    // Act
    const candidates = volumeMountFailureRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
    if (summary) expect(candidates[0]?.summary).toMatch(summary);
    if (remediation) expect(candidates[0]?.remediation[0]).toMatch(remediation);
  });
});
