import {
  buildEvent,
  buildPod,
  Clock,
  containerStartEvents,
  logLines,
  NodeName,
  ownerCreatedEvent,
  scheduledEvent,
  terminated,
} from './builders.js';
import type { Scenario } from './scenario.js';

const POD = 'cache-warmer-69c8d7b5f-e3r4t';
const IMAGE = 'registry.example.com/platform/cache-warmer:1.4.0';
const EVICTION =
  'The node was low on resource: memory. Threshold quantity: 100Mi, available: 85432Ki. Container cache-warmer was using 1875468Ki, request is 512Mi, has larger consumption of memory.';

/** The kubelet evicted the pod using most memory above its request when its node hit the memory eviction threshold. */
export const evictedScenario: Scenario = {
  id: 'evicted',
  namespace: 'default',
  pod: POD,
  expectedCategory: 'evicted',
  summary: 'evicted from prod-worker-b under memory pressure (using 1.8Gi against a 512Mi request)',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: POD,
      app: 'cache-warmer',
      owner: { kind: 'Deployment', name: 'cache-warmer', hash: '69c8d7b5f', replicas: 1, available: 1 },
      node: NodeName.WorkerB,
      createdAgo: 7200,
      phase: 'Failed',
      reason: 'Evicted',
      message: EVICTION,
      extraConditions: [
        { type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message: EVICTION, ago: 540 },
      ],
      conditions: {
        PodReadyToStartContainers: { status: 'False', ago: 530 },
        Ready: { status: 'False', reason: 'PodFailed', ago: 530 },
        ContainersReady: { status: 'False', reason: 'PodFailed', ago: 530 },
      },
      containers: [
        {
          name: 'cache-warmer',
          image: IMAGE,
          spec: {
            env: [
              { name: 'REDIS_URL', value: 'redis://:hunter2@redis-master.default.svc.cluster.local:6379/0' },
              { name: 'WARM_KEYS', value: 'catalog,prices,inventory' },
            ],
            resources: { requests: { cpu: '100m', memory: '512Mi' } },
          },
          state: terminated({ reason: 'Error', exitCode: 137, startedAgo: 7195, finishedAgo: 531 }),
        },
      ],
    });
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 7200),
      ...containerStartEvents(clock, pod, 'cache-warmer', IMAGE, { count: 1, firstAgo: 7197, lastAgo: 7197 }),
      buildEvent(clock, pod, { type: 'Warning', reason: 'Evicted', message: EVICTION, firstAgo: 540 }),
      buildEvent(clock, pod, {
        reason: 'Killing',
        message: 'Stopping container cache-warmer',
        firstAgo: 540,
        fieldPath: 'spec.containers{cache-warmer}',
      }),
    ];
    const current = logLines(clock, 7194, 541, [
      (t) => `${t.toISOString()} INFO cache-warmer 1.4.0 starting`,
      (t) => `${t.toISOString()} INFO connected to redis://:hunter2@redis-master.default.svc.cluster.local:6379/0`,
      ...Array.from(
        { length: 12 },
        (_, i) => (t: Date) =>
          `${t.toISOString()} INFO warmed catalog batch=${i + 1} keys=${(i + 1) * 25_000} rss=${180 + i * 140}Mi`,
      ),
      (t) => `${t.toISOString()} WARN local snapshot buffer not flushed (rss=1831Mi)`,
    ]);
    return { pod, owners, events, logs: { 'cache-warmer': { current } } };
  },
};
