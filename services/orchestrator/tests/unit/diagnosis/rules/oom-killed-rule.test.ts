import { describe, expect, it } from 'vitest';
import { oomKilledRule } from '../../../../src/diagnosis/rules/oom-killed-rule.js';
import { contextFor, crashLooping, podWith } from '../context-for.js';

const oomLastState = { kind: 'terminated', reason: 'OOMKilled', exit_code: 137, finished_at: '2026-12-03T15:57:00Z' };

describe('oomKilledRule', () => {
  it.each([
    {
      name: 'when the last termination is OOMKilled and the container is backing off, then it is the primary, high-confidence cause with the limit',
      containers: [{ ...crashLooping, last_state: oomLastState, resources: { limits: { memory: '256Mi' } } }],
      expected: [{ category: 'oom_killed', container: 'app', confidence: 'high', primary: true }],
      summary: /OOMKilled \(exit code 137\).*6 times in 40 minutes.*memory limit is 256Mi/,
    },
    {
      name: 'when the container runs again after a recent OOMKill, then it is still the cause',
      containers: [{ name: 'app', restart_count: 1, ready: true, last_state: oomLastState }],
      expected: [{ category: 'oom_killed', primary: true }],
      summary: /no memory limit/,
    },
    {
      name: 'when the only OOMKill was days ago and the container is ready, then it is only a finding',
      containers: [
        {
          name: 'app',
          restart_count: 1,
          ready: true,
          last_state: { ...oomLastState, finished_at: '2026-11-30T10:00:00Z' },
        },
      ],
      expected: [{ category: 'oom_killed', primary: false }],
      summary: /3 days ago but has run normally since/,
    },
    {
      name: 'when a sidecar is the one OOMKilled, then the finding names the sidecar',
      containers: [{ name: 'app' }, { ...crashLooping, name: 'fluent-bit', last_state: oomLastState }],
      expected: [{ container: 'fluent-bit' }],
      summary: /fluent-bit/,
    },
    {
      name: 'when the container exited with an ordinary error, then the rule says nothing',
      containers: [crashLooping],
      expected: [],
      summary: null,
    },
  ])('$name', ({ containers, expected, summary }) => {
    // Arrange
    const context = contextFor({ pod_details: podWith(containers) });

    // Act
    const candidates = oomKilledRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
    if (summary) expect(candidates[0]?.summary).toMatch(summary);
  });
});

describe('oomKilledRule remediation', () => {
  it('when the pod has a controller, then the kubectl command names that workload and namespace', () => {
    // Arrange
    const context = contextFor({
      pod_details: podWith(
        [{ ...crashLooping, last_state: oomLastState, resources: { limits: { memory: '256Mi' } } }],
        { controller: { kind: 'Deployment', name: 'checkout-api' } },
      ),
    });

    // Act
    const [candidate] = oomKilledRule.analyze(context);

    // Assert
    expect(candidate?.remediation[0]).toContain('kubectl set resources deployment/checkout-api -n ');
  });
});
