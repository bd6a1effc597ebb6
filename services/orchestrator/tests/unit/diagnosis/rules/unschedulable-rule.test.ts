import { describe, expect, it } from 'vitest';
import { classifySchedulingMessage, unschedulableRule } from '../../../../src/diagnosis/rules/unschedulable-rule.js';
import { contextFor, podWith } from '../context-for.js';

describe('classifySchedulingMessage', () => {
  it.each([
    [
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
      'insufficient_memory',
    ],
    [
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      'insufficient_cpu',
    ],
    [
      '0/5 nodes are available: 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 3 Insufficient nvidia.com/gpu.',
      'insufficient_gpu',
    ],
    [
      '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: batch}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      'taints',
    ],
    [
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector.",
      'node_affinity',
    ],
    [
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      'unbound_pvc',
    ],
    ['0/2 nodes are available: 2 Too many pods.', 'too_many_pods'],
    [
      "0/6 nodes are available: 2 node(s) didn't match pod anti-affinity rules, 4 node(s) didn't match Pod's node affinity/selector.",
      'node_affinity',
    ],
  ])('when the scheduler says "%s", then the sub-cause is %s', (message, expected) => {
    // Act
    const { cause } = classifySchedulingMessage(message);

    // Assert
    expect(cause).toBe(expected);
  });
});

describe('unschedulableRule', () => {
  const pending = { phase: 'Pending', node_name: null };
  const container = { name: 'app', ready: false, state: null, resources: { requests: { memory: '12Gi' } } };

  it.each([
    {
      name: 'when a FailedScheduling event is recent, then the pod is unschedulable with the requested memory quoted',
      evidence: {
        pod_details: podWith([container], pending),
        pod_events: [
          {
            reason: 'FailedScheduling',
            count: 7,
            message:
              '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
          },
        ],
      },
      expected: [{ category: 'unschedulable', sub_cause: 'insufficient_memory', confidence: 'high', primary: true }],
      summary: /\(7 attempts\): 0\/3 nodes are available: 3 Insufficient memory\. The pod requests 12Gi memory\./,
    },
    {
      name: 'when only the PodScheduled condition says Unschedulable, then the condition is enough',
      evidence: {
        pod_details: podWith([container], {
          ...pending,
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/2 nodes are available: 2 Too many pods.',
            },
          ],
        }),
      },
      expected: [{ sub_cause: 'too_many_pods' }],
      summary: /Too many pods/,
    },
    {
      name: 'when the pod still has no node, then an older FailedScheduling verdict still stands',
      evidence: {
        pod_details: podWith([container], pending),
        pod_events: [
          {
            reason: 'FailedScheduling',
            message: '0/3 nodes are available: 3 Insufficient cpu.',
            last_seen: '2026-12-03T12:00:00Z',
          },
        ],
      },
      expected: [{ sub_cause: 'insufficient_cpu', primary: true }],
      summary: /Insufficient cpu/,
    },
    {
      name: 'when PodScheduled is False without the Unschedulable reason, then the scheduler has not spoken yet',
      evidence: {
        pod_details: podWith([container], { ...pending, conditions: [{ type: 'PodScheduled', status: 'False' }] }),
      },
      expected: [],
      summary: null,
    },
    {
      name: 'when the pod was scheduled after an old FailedScheduling, then nothing is reported',
      evidence: {
        pod_details: podWith([{ name: 'app' }]),
        pod_events: [
          {
            reason: 'FailedScheduling',
            message: '0/3 nodes are available: 3 Insufficient cpu.',
            last_seen: '2026-12-03T12:00:00Z',
          },
        ],
      },
      expected: [],
      summary: null,
    },
  ])('$name', ({ evidence, expected, summary }) => {
    // Arrange
    const context = contextFor(evidence);

    // Act
    const candidates = unschedulableRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
    if (summary) expect(candidates[0]?.summary).toMatch(summary);
  });
});
