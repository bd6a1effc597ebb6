import { describe, expect, it } from 'vitest';
import { crashLoopRule } from '../../../../src/diagnosis/rules/crash-loop-rule.js';
import { contextFor, crashLooping, podWith } from '../context-for.js';

describe('crashLoopRule', () => {
  it.each([
    {
      name: 'when the current instance has not logged, then the decisive line comes from the previous instance',
      evidence: {
        pod_details: podWith([crashLooping]),
        pod_logs: {
          app: {
            current: [],
            previous: [
              'INFO starting',
              'Traceback (most recent call last):',
              '  File "/app/main.py", line 3, in <module>',
              "KeyError: 'DATABASE_URL'",
            ],
          },
        },
      },
      expected: [
        { category: 'crash_loop', container: 'app', sub_cause: 'app_error', confidence: 'high', primary: true },
      ],
      summary: /exit code 1.*before its last restart: "KeyError: 'DATABASE_URL'"/,
      logRef: 'pod_logs.app.previous.lines[3]',
    },
    {
      name: 'when a Go program panics, then the panic line is quoted, not the goroutine dump',
      evidence: {
        pod_details: podWith([{ ...crashLooping, last_state: { ...crashLooping.last_state, exit_code: 2 } }]),
        pod_logs: {
          app: {
            previous: [
              'panic: assignment to entry in nil map',
              '',
              'goroutine 1 [running]:',
              'main.main()',
              '\t/src/main.go:9 +0x1d',
            ],
          },
        },
      },
      expected: [{ category: 'crash_loop' }],
      summary: /"panic: assignment to entry in nil map"/,
      logRef: 'pod_logs.app.previous.lines[0]',
    },
    {
      name: 'when the pod is days old, then the restart span starts at the first BackOff event, not the pod start',
      evidence: {
        pod_details: podWith([crashLooping], { start_time: '2026-11-20T00:00:00Z' }),
        pod_events: [
          {
            reason: 'BackOff',
            container: 'app',
            count: 20,
            first_seen: '2026-12-03T15:30:00Z',
            message: 'Back-off restarting failed container app in pod web-7d9f8c6b5-x2x9k_shop(1)',
          },
        ],
      },
      expected: [{ category: 'crash_loop' }],
      summary: /6 times in 30 minutes/,
      logRef: null,
    },
    {
      name: 'when it exits 139 without logs, then the sub-cause is segfault with medium confidence',
      evidence: {
        pod_details: podWith([{ ...crashLooping, last_state: { ...crashLooping.last_state, exit_code: 139 } }]),
      },
      expected: [{ sub_cause: 'segfault', confidence: 'medium' }],
      summary: /exit code 139 \(SIGSEGV\)/,
      logRef: null,
    },
    {
      name: 'when the last crash was days ago and the container is fine, then it is a low finding only',
      evidence: {
        pod_details: podWith([
          {
            name: 'app',
            restart_count: 2,
            ready: true,
            last_state: { ...crashLooping.last_state, finished_at: '2026-11-28T00:00:00Z' },
          },
        ]),
      },
      expected: [{ primary: false, confidence: 'low' }],
      summary: /long ago/,
      logRef: null,
    },
    {
      name: 'when an init container crashes, then this rule leaves it to the init rule',
      evidence: {
        pod_details: podWith([
          { ...crashLooping, init: true },
          { name: 'main', ready: false, state: { kind: 'waiting', reason: 'PodInitializing' } },
        ]),
      },
      expected: [],
      summary: null,
      logRef: null,
    },
  ])('$name', ({ evidence, expected, summary, logRef }) => {
    // Arrange
    const context = contextFor(evidence);

    // Act
    const candidates = crashLoopRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
    if (summary) expect(candidates[0]?.summary).toMatch(summary);
    if (logRef) expect(candidates[0]?.evidence.map((e) => e.ref)).toContain(logRef);
  });
});
