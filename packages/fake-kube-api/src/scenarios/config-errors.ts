import type { IPod } from 'kubernetes-models/v1/Pod';
import { buildEvent, buildPod, Clock, NodeName, ownerCreatedEvent, scheduledEvent, waiting } from './builders.js';
import type { CoreEvent, Scenario } from './scenario.js';

/** The kubelet retries the container config every sync: Pulled and the Failed error repeat together. */
function configErrorEvents(clock: Clock, pod: IPod, image: string, error: string, ago: number): CoreEvent[] {
  const path = 'spec.containers{app}';
  return [
    scheduledEvent(clock, pod, ago),
    buildEvent(clock, pod, {
      reason: 'Pulled',
      message: `Container image "${image}" already present on machine`,
      count: 14,
      firstAgo: ago - 2,
      lastAgo: 12,
      fieldPath: path,
    }),
    buildEvent(clock, pod, {
      type: 'Warning',
      reason: 'Failed',
      message: `Error: ${error}`,
      count: 14,
      firstAgo: ago - 2,
      lastAgo: 12,
      fieldPath: path,
    }),
  ];
}

const SECRET_POD = 'invoice-service-7b9c8d6f5-h3j4k';
const SECRET_IMAGE = 'registry.example.com/billing/invoice-service:1.12.3';
const SECRET_ERROR = 'secret "invoice-db-credentials" not found';

/** An env var sourced from a Secret that was never created in the namespace. */
export const missingSecretScenario: Scenario = {
  id: 'missing-secret',
  namespace: 'billing',
  pod: SECRET_POD,
  expectedCategory: 'config_error',
  summary: 'Secret invoice-db-credentials does not exist: CreateContainerConfigError',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'billing',
      name: SECRET_POD,
      app: 'invoice-service',
      owner: { kind: 'Deployment', name: 'invoice-service', hash: '7b9c8d6f5', replicas: 1, available: 0 },
      node: NodeName.WorkerA,
      createdAgo: 840,
      phase: 'Pending',
      containers: [
        {
          name: 'app',
          image: SECRET_IMAGE,
          spec: {
            ports: [{ name: 'http', containerPort: 8000, protocol: 'TCP' }],
            env: [
              { name: 'DB_HOST', value: 'invoice-db.billing.svc.cluster.local' },
              { name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'invoice-db-credentials', key: 'username' } } },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'invoice-db-credentials', key: 'password' } } },
              { name: 'SMTP_PASSWORD', value: 'Sup3rS3cretSMTP!' },
            ],
            resources: { requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '500m', memory: '384Mi' } },
          },
          state: waiting('CreateContainerConfigError', SECRET_ERROR),
        },
      ],
    });
    return {
      pod,
      owners,
      events: [
        ...ownerCreatedEvent(clock, pod, owners),
        ...configErrorEvents(clock, pod, SECRET_IMAGE, SECRET_ERROR, 840),
      ],
      logs: {},
    };
  },
};

const KEY_POD = 'ledger-api-5d6c7b8a9-p0o9i';
const KEY_IMAGE = 'registry.example.com/billing/ledger-api:0.9.7';
const KEY_ERROR = "couldn't find key DATABASE_URL in ConfigMap billing/ledger-config";

/** The ConfigMap exists but lacks the key an env var references. */
export const missingConfigMapKeyScenario: Scenario = {
  id: 'missing-configmap-key',
  namespace: 'billing',
  pod: KEY_POD,
  expectedCategory: 'config_error',
  summary: 'ConfigMap ledger-config has no key DATABASE_URL: CreateContainerConfigError',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'billing',
      name: KEY_POD,
      app: 'ledger-api',
      owner: { kind: 'Deployment', name: 'ledger-api', hash: '5d6c7b8a9', replicas: 2, available: 1 },
      node: NodeName.WorkerB,
      createdAgo: 600,
      phase: 'Pending',
      containers: [
        {
          name: 'app',
          image: KEY_IMAGE,
          spec: {
            ports: [{ name: 'grpc', containerPort: 9000, protocol: 'TCP' }],
            env: [
              { name: 'DATABASE_URL', valueFrom: { configMapKeyRef: { name: 'ledger-config', key: 'DATABASE_URL' } } },
              {
                name: 'LOG_LEVEL',
                valueFrom: { configMapKeyRef: { name: 'ledger-config', key: 'LOG_LEVEL', optional: true } },
              },
            ],
            envFrom: [{ secretRef: { name: 'ledger-secrets' } }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          },
          state: waiting('CreateContainerConfigError', KEY_ERROR),
        },
      ],
    });
    return {
      pod,
      owners,
      events: [...ownerCreatedEvent(clock, pod, owners), ...configErrorEvents(clock, pod, KEY_IMAGE, KEY_ERROR, 600)],
      logs: {},
    };
  },
};
