import {
  backOffEvent,
  buildEvent,
  buildPod,
  Clock,
  NodeName,
  ownerCreatedEvent,
  scheduledEvent,
  terminated,
  waiting,
} from './builders.js';
import type { Scenario } from './scenario.js';

const POD = 'legacy-batch-6d7f8c9b4-t5v6w';
const IMAGE = 'registry.example.com/legacy/legacy-batch:2024.11.2';
const RUNTIME_ERROR =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/start.sh": stat /app/start.sh: no such file or directory: unknown';

/** The image's entrypoint script is missing: runc cannot exec it, so the container never runs (exit 128, StartError). */
export const containerStartErrorScenario: Scenario = {
  id: 'container-start-error',
  namespace: 'default',
  pod: POD,
  expectedCategory: 'container_start_error',
  summary: 'runc cannot exec /app/start.sh (not in the image): RunContainerError, StartError exit 128',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: POD,
      app: 'legacy-batch',
      owner: { kind: 'Deployment', name: 'legacy-batch', hash: '6d7f8c9b4', replicas: 1, available: 0 },
      node: NodeName.WorkerA,
      createdAgo: 400,
      phase: 'Running',
      containers: [
        {
          name: 'app',
          image: IMAGE,
          spec: {
            command: ['/app/start.sh'],
            env: [{ name: 'FTP_URL', value: 'ftp://batch:password=hunter2@files.legacy.example.com/in' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          },
          state: waiting('RunContainerError', RUNTIME_ERROR),
          lastState: terminated({
            reason: 'StartError',
            exitCode: 128,
            message: RUNTIME_ERROR,
            startedAgo: 0,
            finishedAgo: 21,
          }),
          restartCount: 4,
        },
      ],
    });
    // A container that never started reports the epoch as its start time.
    const last = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    if (last) last.startedAt = '1970-01-01T00:00:00Z';
    const path = 'spec.containers{app}';
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 400),
      buildEvent(clock, pod, {
        reason: 'Pulled',
        message: `Container image "${IMAGE}" already present on machine`,
        count: 5,
        firstAgo: 398,
        lastAgo: 22,
        fieldPath: path,
      }),
      buildEvent(clock, pod, {
        reason: 'Created',
        message: 'Created container app',
        count: 5,
        firstAgo: 398,
        lastAgo: 22,
        fieldPath: path,
      }),
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'Failed',
        message: `Error: ${RUNTIME_ERROR}`,
        count: 5,
        firstAgo: 397,
        lastAgo: 21,
        fieldPath: path,
      }),
      backOffEvent(clock, pod, 'app', { count: 9, firstAgo: 380, lastAgo: 20 }),
    ];
    // runc failed before the process existed: the previous instance wrote nothing.
    return { pod, owners, events, logs: { app: { previous: [] } } };
  },
};
