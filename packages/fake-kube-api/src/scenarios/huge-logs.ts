import { buildPod, Clock, NodeName, running } from './builders.js';
import type { LogLine, LogSource, Scenario } from './scenario.js';

const POD = 'log-spammer-6b7c8d9f5-s4d5f';
/** About 8 MiB of output: enough to make any client that forgets limitBytes or tailLines feel it. */
const LINE_COUNT = 60_000;
const SPAN_SECONDS = 3_600;

/** Made on every read rather than kept: tests of limitBytes need the size, not the memory. */
function spammerLog(now: Date): LogSource {
  const start = now.getTime() - SPAN_SECONDS * 1000;
  const stepMs = (SPAN_SECONDS * 1000) / LINE_COUNT;
  return {
    length: LINE_COUNT,
    at(seq: number): LogLine | undefined {
      if (!Number.isInteger(seq) || seq < 0 || seq >= LINE_COUNT) return undefined;
      const time = new Date(Math.round(start + seq * stepMs));
      return {
        time,
        text: `{"level":"debug","time":"${time.toISOString()}","msg":"processed event","seq":${seq},"partition":${seq % 12},"offset":${1_000_000 + seq},"payload_bytes":${(seq * 7919) % 4096}}`,
      };
    },
  };
}

export const hugeLogsScenario: Scenario = {
  id: 'huge-logs',
  namespace: 'default',
  pod: POD,
  expectedCategory: 'healthy',
  summary: `healthy, but writes ${LINE_COUNT} debug lines (~8 MiB) an hour: exercises limitBytes and tailLines`,
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: POD,
      app: 'log-spammer',
      owner: { kind: 'Deployment', name: 'log-spammer', hash: '6b7c8d9f5' },
      node: NodeName.WorkerB,
      createdAgo: SPAN_SECONDS + 10,
      phase: 'Running',
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/platform/event-consumer:0.3.0',
          spec: {
            env: [{ name: 'LOG_LEVEL', value: 'debug' }],
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          },
          state: running(SPAN_SECONDS + 5),
          ready: true,
        },
      ],
    });
    return { pod, owners, events: [], logs: { app: { current: spammerLog(now) } } };
  },
};
