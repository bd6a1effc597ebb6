import { describe, expect, it } from 'vitest';
import { classifyEvictionMessage, evictedRule } from '../../../../src/diagnosis/rules/evicted-rule.js';
import { contextFor, podWith } from '../context-for.js';

describe('classifyEvictionMessage', () => {
  it.each([
    ['The node was low on resource: memory. Threshold quantity: 100Mi, available: 91348Ki. ', 'memory_pressure'],
    ['The node was low on resource: ephemeral-storage. Threshold quantity: 10Gi, available: 8Gi. ', 'disk_pressure'],
    ['The node was low on resource: pids. ', 'pid_pressure'],
    ['The node had condition: [DiskPressure]. ', 'disk_pressure'],
    ['Pod ephemeral local storage usage exceeds the total limit of containers 2Gi. ', 'ephemeral_storage_limit'],
    ['Container app exceeded its local ephemeral storage limit "1Gi". ', 'ephemeral_storage_limit'],
  ])('when the kubelet says "%s", then the sub-cause is %s', (message, expected) => {
    // Act
    const cause = classifyEvictionMessage(message);

    // Assert
    expect(cause).toBe(expected);
  });
});

describe('evictedRule', () => {
  it('when the pod is Failed with reason Evicted, then the node pressure and the heavy container are named', () => {
    // Arrange
    const context = contextFor({
      pod_details: podWith(
        [{ name: 'worker', ready: false, state: { kind: 'terminated', reason: 'Error', exit_code: 137 } }],
        {
          phase: 'Failed',
          reason: 'Evicted',
          node_name: 'node-7',
          message:
            'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91348Ki. Container worker was using 3485692Ki, request is 1Gi, has larger consumption of memory. ',
        },
      ),
    });

    // Act
    const candidates = evictedRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject([
      { category: 'evicted', sub_cause: 'memory_pressure', container: 'worker', confidence: 'high', primary: true },
    ]);
    expect(candidates[0]?.summary).toMatch(
      /evicted on node node-7 because of node memory pressure.*worker was using 3485692Ki against a request of 1Gi/,
    );
  });

  it('when the pod was not evicted, then nothing is reported', () => {
    // Arrange
    const context = contextFor({ pod_details: podWith([{ name: 'app' }]) });

    // Act
    const candidates = evictedRule.analyze(context);

    // Assert
    expect(candidates).toEqual([]);
  });
});
