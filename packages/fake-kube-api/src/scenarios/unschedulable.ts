import { buildEvent, buildPod, Clock, ownerCreatedEvent, stableUid, waiting } from './builders.js';
import type { Scenario } from './scenario.js';

const RESOURCES_POD = 'batch-worker-84f6d7c9b-z9y8x';
const RESOURCES_MESSAGE =
  '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';

/** A pod requesting more memory than any worker can allocate. */
export const unschedulableResourcesScenario: Scenario = {
  id: 'unschedulable-resources',
  namespace: 'shop',
  pod: RESOURCES_POD,
  expectedCategory: 'unschedulable',
  summary: 'requests 24Gi memory, more than any node has: Pending, FailedScheduling (Insufficient memory)',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'shop',
      name: RESOURCES_POD,
      app: 'batch-worker',
      owner: { kind: 'Deployment', name: 'batch-worker', hash: '84f6d7c9b', replicas: 1, available: 0 },
      node: null,
      createdAgo: 1320,
      phase: 'Pending',
      conditions: { PodScheduled: { status: 'False', reason: 'Unschedulable', message: RESOURCES_MESSAGE, ago: 1319 } },
      containers: [
        {
          name: 'worker',
          image: 'registry.example.com/shop/batch-worker:3.0.1',
          spec: {
            args: ['--queue=orders', '--concurrency=32'],
            env: [{ name: 'QUEUE_URL', value: 'amqp://worker:password=hunter2@rabbitmq.shop.svc:5672/' }],
            resources: { requests: { cpu: '2', memory: '24Gi' }, limits: { cpu: '4', memory: '24Gi' } },
          },
          state: waiting('ContainerCreating'),
        },
      ],
    });
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'FailedScheduling',
        message: RESOURCES_MESSAGE,
        count: 23,
        firstAgo: 1319,
        lastAgo: 41,
        component: 'default-scheduler',
      }),
    ];
    return { pod, owners, events, logs: {} };
  },
};

const PVC_POD = 'postgres-0';
const PVC_MESSAGE =
  '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

/** A StatefulSet whose claim cannot bind: no default StorageClass, no matching PersistentVolume. */
export const unschedulablePvcScenario: Scenario = {
  id: 'unschedulable-pvc',
  namespace: 'default',
  pod: PVC_POD,
  expectedCategory: 'unschedulable',
  summary: 'PersistentVolumeClaim data-postgres-0 is unbound (no StorageClass): Pending, FailedScheduling',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: PVC_POD,
      app: 'postgres',
      owner: { kind: 'StatefulSet', name: 'postgres', replicas: 1, serviceName: 'postgres-headless' },
      node: null,
      createdAgo: 2400,
      phase: 'Pending',
      conditions: { PodScheduled: { status: 'False', reason: 'Unschedulable', message: PVC_MESSAGE, ago: 2399 } },
      containers: [
        {
          name: 'postgres',
          image: 'docker.io/library/postgres:16.6',
          spec: {
            ports: [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }],
            env: [
              { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres', key: 'password' } } },
              { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
            ],
            resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
            volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
            readinessProbe: {
              exec: { command: ['pg_isready', '-U', 'postgres'] },
              periodSeconds: 10,
              timeoutSeconds: 5,
              failureThreshold: 6,
              successThreshold: 1,
            },
          },
          state: waiting('ContainerCreating'),
        },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-postgres-0' } }],
      spec: { hostname: 'postgres-0', subdomain: 'postgres-headless' },
    });
    const claim = {
      kind: 'PersistentVolumeClaim',
      apiVersion: 'v1',
      name: 'data-postgres-0',
      uid: stableUid('default/data-postgres-0'),
    };
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'FailedScheduling',
        message: PVC_MESSAGE,
        count: 41,
        firstAgo: 2399,
        lastAgo: 55,
        component: 'default-scheduler',
      }),
      buildEvent(clock, pod, {
        reason: 'FailedBinding',
        message: 'no persistent volumes available for this claim and no storage class is set',
        count: 160,
        firstAgo: 2400,
        lastAgo: 10,
        component: 'persistentvolume-controller',
        involved: claim,
      }),
    ];
    return { pod, owners, events, logs: {} };
  },
};
