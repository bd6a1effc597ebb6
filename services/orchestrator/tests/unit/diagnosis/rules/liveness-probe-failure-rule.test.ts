import { describe, expect, it } from 'vitest';
import { livenessProbeFailureRule } from '../../../../src/diagnosis/rules/liveness-probe-failure-rule.js';
import { contextFor, podWith } from '../context-for.js';

const restarted = {
  name: 'app',
  restart_count: 3,
  ready: false,
  last_state: { kind: 'terminated', reason: 'Error', exit_code: 137, finished_at: '2026-12-03T15:58:00Z' },
  probes: { liveness: { handler: 'GET http://:8080/healthz', timeout_seconds: 1, failure_threshold: 3 } },
};

describe('livenessProbeFailureRule', () => {
  it.each([
    {
      name: 'when Unhealthy and Killing events name the liveness probe, then the kubelet restarts are the cause',
      events: [
        { reason: 'Killing', container: 'app', message: 'Container app failed liveness probe, will be restarted' },
        {
          reason: 'Unhealthy',
          container: 'app',
          count: 9,
          message: 'Liveness probe failed: HTTP probe failed with statuscode: 503',
        },
      ],
      expected: [{ category: 'liveness_probe_failure', sub_cause: 'http_error', confidence: 'high', container: 'app' }],
      summary:
        /restarted by the kubelet because its liveness probe fails.*statuscode: 503 \(GET http:\/\/:8080\/healthz, timeout 1s, failureThreshold 3\)/,
    },
    {
      name: 'when the startup probe kills the container, then the sub-cause is startup_probe',
      events: [
        { reason: 'Killing', container: 'app', message: 'Container app failed startup probe, will be restarted' },
      ],
      expected: [{ sub_cause: 'startup_probe' }],
      summary: /startup probe/,
    },
    {
      name: 'when the events carry no field path, then the single container is still the one concerned',
      events: [
        {
          reason: 'Unhealthy',
          field_path: null,
          count: 4,
          message: 'Liveness probe failed: Get "http://10.1.1.1:8080/healthz": context deadline exceeded',
        },
      ],
      expected: [{ container: 'app', sub_cause: 'timeout' }],
      summary: /liveness probe fails/,
    },
    {
      name: 'when only readiness fails, then this rule says nothing',
      events: [
        {
          reason: 'Unhealthy',
          container: 'app',
          message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
        },
      ],
      expected: [],
      summary: null,
    },
  ])('$name', ({ events, expected, summary }) => {
    // Arrange
    const context = contextFor({ pod_details: podWith([restarted]), pod_events: events });

    // Act
    const candidates = livenessProbeFailureRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
    if (summary) expect(candidates[0]?.summary).toMatch(summary);
  });
});
