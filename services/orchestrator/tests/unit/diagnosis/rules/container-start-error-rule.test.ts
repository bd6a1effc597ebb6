import { describe, expect, it } from 'vitest';
import { containerStartErrorRule } from '../../../../src/diagnosis/rules/container-start-error-rule.js';
import { contextFor, crashLooping, podWith } from '../context-for.js';

const startError = (message: string) => ({
  ...crashLooping,
  last_state: {
    kind: 'terminated',
    reason: 'StartError',
    exit_code: 128,
    message,
    finished_at: '2026-12-03T15:58:00Z',
  },
});

describe('containerStartErrorRule', () => {
  it.each([
    {
      name: 'when runc cannot find the executable, then the sub-cause is command_not_found',
      container: startError(
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown',
      ),
      logs: undefined,
      expected: [{ category: 'container_start_error', sub_cause: 'command_not_found', confidence: 'high' }],
    },
    {
      name: 'when the entrypoint is not executable, then the sub-cause is permission_denied',
      container: {
        name: 'app',
        ready: false,
        state: {
          kind: 'waiting',
          reason: 'RunContainerError',
          message: 'exec: "/app/run.sh": permission denied: unknown',
        },
      },
      logs: undefined,
      expected: [{ sub_cause: 'permission_denied' }],
    },
    {
      name: 'when the binary is for another architecture, then the log line gives exec_format_error with medium confidence',
      container: { ...crashLooping, last_state: { ...crashLooping.last_state, exit_code: 255 } },
      logs: { app: { previous: ['exec /usr/local/bin/server: exec format error'] } },
      expected: [{ sub_cause: 'exec_format_error', confidence: 'medium' }],
    },
    {
      name: 'when a shell exits 127 saying "not found", then the sub-cause is command_not_found',
      container: { ...crashLooping, last_state: { ...crashLooping.last_state, exit_code: 127 } },
      logs: { app: { previous: ['/bin/sh: 1: gunicorn: not found'] } },
      expected: [{ sub_cause: 'command_not_found' }],
    },
    {
      name: 'when runc prints that the entrypoint does not exist, then it is a start error whatever the exit code',
      container: { ...crashLooping, last_state: { ...crashLooping.last_state, exit_code: 1 } },
      logs: { app: { previous: ['exec /docker-entrypoint.sh: no such file or directory'] } },
      expected: [{ sub_cause: 'command_not_found', confidence: 'medium' }],
    },
    {
      name: 'when an app exits 1 with an ordinary error, then the rule says nothing',
      container: crashLooping,
      logs: { app: { previous: ['Error: config file /etc/app.yaml: no such file or directory'] } },
      expected: [],
    },
  ])('$name', ({ container, logs, expected }) => {
    // Arrange
    const context = contextFor({ pod_details: podWith([container]), pod_logs: logs });

    // Act
    const candidates = containerStartErrorRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
  });
});
