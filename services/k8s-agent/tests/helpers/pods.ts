import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';

/** A running single-container pod owned by a ReplicaSet, shaped as client-node returns it (dates as Date). */
export function runningPod(overrides: { name?: string; namespace?: string } = {}): V1Pod {
  const name = overrides.name ?? 'checkout-api-7d9f8b6c5-x2k4p';
  const namespace = overrides.namespace ?? 'payments';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: '11111111-2222-3333-4444-555555555555',
      creationTimestamp: new Date('2026-12-03T16:00:00Z'),
      labels: { app: 'checkout-api', 'pod-template-hash': '7d9f8b6c5' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"env":[{"name":"DB_PASSWORD","value":"hunter2-inline"}]}',
      },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'checkout-api-7d9f8b6c5', uid: 'rs-uid', controller: true },
      ],
    },
    spec: {
      nodeName: 'prod-worker-a',
      serviceAccountName: 'checkout-api',
      restartPolicy: 'Always',
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/payments/checkout-api:2.4.1',
          command: ['java', '-Dpassword=from-command-line', '-jar', 'app.jar'],
          args: ['--db-password=from-args'],
          env: [
            { name: 'DB_PASSWORD', value: 'hunter2-inline' },
            { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'checkout-secrets', key: 'api-token' } } },
            {
              name: 'LOG_FORMAT',
              valueFrom: { configMapKeyRef: { name: 'checkout-config', key: 'log-format', optional: true } },
            },
            { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          ],
          envFrom: [{ secretRef: { name: 'checkout-env' }, prefix: 'APP_' }],
          resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '512Mi' } },
          livenessProbe: {
            httpGet: {
              path: '/actuator/health/liveness',
              port: 8080,
              httpHeaders: [{ name: 'Authorization', value: 'Bearer probe-secret' }],
            },
            periodSeconds: 10,
          },
          readinessProbe: { exec: { command: ['sh', '-c', 'mysqladmin ping -pS3cret'] } },
          volumeMounts: [{ name: 'tls', mountPath: '/etc/tls', readOnly: true }],
        },
      ],
      volumes: [{ name: 'tls', secret: { secretName: 'checkout-tls' } }],
    },
    status: {
      phase: 'Running',
      qosClass: 'Burstable',
      podIP: '10.244.1.174',
      podIPs: [{ ip: '10.244.1.174' }],
      hostIP: '10.0.1.21',
      startTime: new Date('2026-12-03T16:00:01Z'),
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'ContainersNotReady',
          lastTransitionTime: new Date('2026-12-03T16:10:00Z'),
        },
      ],
      containerStatuses: [
        {
          name: 'app',
          image: 'registry.example.com/payments/checkout-api:2.4.1',
          imageID: 'registry.example.com/payments/checkout-api@sha256:abc',
          ready: false,
          started: false,
          restartCount: 5,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=app' } },
          lastState: {
            terminated: {
              exitCode: 137,
              reason: 'OOMKilled',
              startedAt: new Date('2026-12-03T16:20:00Z'),
              finishedAt: new Date('2026-12-03T16:21:30.500Z'),
              containerID: 'containerd://abc',
            },
          },
        },
      ],
    },
  };
}

export function status(name: string, fields: Partial<V1ContainerStatus> = {}): V1ContainerStatus {
  return { name, image: `${name}:1`, imageID: '', ready: true, restartCount: 0, state: { running: {} }, ...fields };
}
