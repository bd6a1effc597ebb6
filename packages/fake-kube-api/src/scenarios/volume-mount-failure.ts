import { buildEvent, buildPod, Clock, NodeName, ownerCreatedEvent, scheduledEvent, waiting } from './builders.js';
import type { Scenario } from './scenario.js';

const POD = 'uploads-api-7b8c9d6f5-n3m4k';

/** A Secret volume whose Secret (a TLS certificate cert-manager never issued) does not exist: stuck in ContainerCreating. */
export const volumeMountFailureScenario: Scenario = {
  id: 'volume-mount-failure',
  namespace: 'default',
  pod: POD,
  expectedCategory: 'volume_mount_failure',
  summary: 'secret volume uploads-tls cannot mount (Secret missing): stuck in ContainerCreating, FailedMount',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: POD,
      app: 'uploads-api',
      owner: { kind: 'Deployment', name: 'uploads-api', hash: '7b8c9d6f5', replicas: 1, available: 0 },
      node: NodeName.WorkerB,
      createdAgo: 900,
      phase: 'Pending',
      conditions: { PodReadyToStartContainers: { status: 'False', ago: 899 } },
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/platform/uploads-api:1.0.4',
          spec: {
            ports: [{ name: 'https', containerPort: 8443, protocol: 'TCP' }],
            env: [{ name: 'S3_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
            volumeMounts: [
              { name: 'uploads-tls', mountPath: '/etc/tls', readOnly: true },
              { name: 'data', mountPath: '/var/lib/uploads' },
            ],
          },
          state: waiting('ContainerCreating'),
          imagePresent: false,
        },
      ],
      volumes: [
        { name: 'uploads-tls', secret: { secretName: 'uploads-tls', defaultMode: 420 } },
        { name: 'data', persistentVolumeClaim: { claimName: 'uploads-data' } },
      ],
    });
    const tokenVolume = pod.spec?.volumes?.find((v) => v.name.startsWith('kube-api-access-'))?.name ?? '';
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 900),
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'FailedMount',
        message: 'MountVolume.SetUp failed for volume "uploads-tls" : secret "uploads-tls" not found',
        count: 16,
        firstAgo: 899,
        lastAgo: 14,
      }),
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'FailedMount',
        message: `Unable to attach or mount volumes: unmounted volumes=[uploads-tls], unattached volumes=[uploads-tls data ${tokenVolume}]: timed out waiting for the condition`,
        count: 6,
        firstAgo: 780,
        lastAgo: 60,
      }),
    ];
    return { pod, owners, events, logs: {} };
  },
};
