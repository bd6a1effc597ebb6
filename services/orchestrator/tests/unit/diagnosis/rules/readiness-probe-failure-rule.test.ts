import { describe, expect, it } from 'vitest';
import { readinessProbeFailureRule } from '../../../../src/diagnosis/rules/readiness-probe-failure-rule.js';
import { contextFor, podWith } from '../context-for.js';

const unhealthy = {
  reason: 'Unhealthy',
  container: 'app',
  count: 40,
  message: 'Readiness probe failed: dial tcp 10.244.1.9:8080: connect: connection refused',
};

describe('readinessProbeFailureRule', () => {
  it.each([
    {
      name: 'when the container runs but is not ready and readiness fails, then it is the primary cause',
      container: { name: 'app', ready: false, probes: { readiness: { handler: 'tcp :8080' } } },
      events: [unhealthy],
      expected: [
        { category: 'readiness_probe_failure', sub_cause: 'connection_refused', confidence: 'high', primary: true },
      ],
    },
    {
      name: 'when readiness failed recently but the container is ready now, then it is a low finding',
      container: { name: 'app', ready: true },
      events: [unhealthy],
      expected: [{ primary: false, confidence: 'low' }],
    },
    {
      name: 'when the readiness failures are over an hour old, then nothing is reported',
      container: { name: 'app', ready: false },
      events: [{ ...unhealthy, last_seen: '2026-12-03T14:00:00Z' }],
      expected: [],
    },
  ])('$name', ({ container, events, expected }) => {
    // Arrange
    const context = contextFor({ pod_details: podWith([container]), pod_events: events });

    // Act
    const candidates = readinessProbeFailureRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
  });
});
