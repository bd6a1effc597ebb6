import { describe, expect, it } from 'vitest';
import { initContainerFailureRule } from '../../../../src/diagnosis/rules/init-container-failure-rule.js';
import { contextFor, crashLooping, podWith } from '../context-for.js';

const app = { name: 'main', ready: false, state: { kind: 'waiting', reason: 'PodInitializing' } };

describe('initContainerFailureRule', () => {
  it.each([
    {
      name: 'when an init container crash-loops, then it is named with its decisive log line',
      containers: [{ ...crashLooping, name: 'migrate', init: true }, app],
      logs: { migrate: { previous: ['Running migrations', 'ERROR: relation "users" already exists'] } },
      expected: [{ category: 'init_container_failure', container: 'migrate', sub_cause: null, confidence: 'high' }],
      summary:
        /Init container migrate fails with exit code 1 \(6 restarts\), so main cannot start; it logged: "ERROR: relation "users" already exists"/,
    },
    {
      name: 'when an init container has run for 30 minutes while the pod is Pending, then it is stuck',
      containers: [
        { name: 'wait', init: true, ready: false, state: { kind: 'running', started_at: '2026-12-03T15:30:00Z' } },
        app,
      ],
      logs: undefined,
      expected: [{ sub_cause: 'stuck', confidence: 'medium' }],
      summary: /running for 30 minutes without finishing/,
    },
    {
      name: 'when init containers completed, then nothing is reported',
      containers: [
        { name: 'setup', init: true, ready: false, state: { kind: 'terminated', reason: 'Completed', exit_code: 0 } },
        { name: 'main' },
      ],
      logs: undefined,
      expected: [],
      summary: null,
    },
    {
      name: 'when a native sidecar (restartPolicy Always) crashes, then it is not an init failure',
      containers: [{ ...crashLooping, name: 'proxy', init: true, sidecar: true }, { name: 'main' }],
      logs: undefined,
      expected: [],
      summary: null,
    },
  ])('$name', ({ containers, logs, expected, summary }) => {
    // Arrange
    const context = contextFor({ pod_details: podWith(containers, { phase: 'Pending' }), pod_logs: logs });

    // Act
    const candidates = initContainerFailureRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
    if (summary) expect(candidates[0]?.summary).toMatch(summary);
  });
});
