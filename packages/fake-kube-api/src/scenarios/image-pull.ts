import type { IPod } from 'kubernetes-models/v1/Pod';
import { buildEvent, buildPod, Clock, NodeName, ownerCreatedEvent, scheduledEvent, waiting } from './builders.js';
import type { CoreEvent, Scenario } from './scenario.js';

/** The kubelet's image pull event sequence: Pulling, Failed (the runtime's error), ErrImagePull, BackOff, ImagePullBackOff. */
function pullEvents(clock: Clock, pod: IPod, image: string, runtimeError: string, ago: number): CoreEvent[] {
  const path = 'spec.containers{app}';
  return [
    scheduledEvent(clock, pod, ago),
    buildEvent(clock, pod, {
      reason: 'Pulling',
      message: `Pulling image "${image}"`,
      count: 5,
      firstAgo: ago - 1,
      lastAgo: 150,
      fieldPath: path,
    }),
    buildEvent(clock, pod, {
      type: 'Warning',
      reason: 'Failed',
      message: `Failed to pull image "${image}": ${runtimeError}`,
      count: 5,
      firstAgo: ago - 2,
      lastAgo: 149,
      fieldPath: path,
    }),
    buildEvent(clock, pod, {
      type: 'Warning',
      reason: 'Failed',
      message: 'Error: ErrImagePull',
      count: 5,
      firstAgo: ago - 2,
      lastAgo: 149,
      fieldPath: path,
    }),
    buildEvent(clock, pod, {
      reason: 'BackOff',
      message: `Back-off pulling image "${image}"`,
      count: 21,
      firstAgo: ago - 3,
      lastAgo: 9,
      fieldPath: path,
    }),
    buildEvent(clock, pod, {
      type: 'Warning',
      reason: 'Failed',
      message: 'Error: ImagePullBackOff',
      count: 21,
      firstAgo: ago - 3,
      lastAgo: 9,
      fieldPath: path,
    }),
  ];
}

const NOT_FOUND_POD = 'web-frontend-5c9d8f7b6-q7w2e';
const NOT_FOUND_IMAGE = 'registry.example.com/shop/web-frontend:v2.3.1-typo';

/** A tag that does not exist in the registry. */
export const imagePullNotFoundScenario: Scenario = {
  id: 'image-pull-not-found',
  namespace: 'shop',
  pod: NOT_FOUND_POD,
  expectedCategory: 'image_pull',
  summary: `image tag ${NOT_FOUND_IMAGE} does not exist (NotFound), ImagePullBackOff`,
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'shop',
      name: NOT_FOUND_POD,
      app: 'web-frontend',
      owner: { kind: 'Deployment', name: 'web-frontend', hash: '5c9d8f7b6', replicas: 3, available: 3 },
      node: NodeName.WorkerA,
      createdAgo: 720,
      phase: 'Pending',
      containers: [
        {
          name: 'app',
          image: NOT_FOUND_IMAGE,
          spec: {
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            env: [
              { name: 'API_BASE_URL', value: 'http://api-gateway.shop.svc.cluster.local' },
              { name: 'SENTRY_DSN', value: 'https://4f1c2d8e9a7b4c3d@o12345.ingest.sentry.io/67890' },
            ],
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
          },
          state: waiting('ImagePullBackOff', `Back-off pulling image "${NOT_FOUND_IMAGE}"`),
          imagePresent: false,
        },
      ],
    });
    const error =
      `rpc error: code = NotFound desc = failed to pull and unpack image "${NOT_FOUND_IMAGE}": ` +
      `failed to resolve reference "${NOT_FOUND_IMAGE}": ${NOT_FOUND_IMAGE}: not found`;
    return {
      pod,
      owners,
      events: [...ownerCreatedEvent(clock, pod, owners), ...pullEvents(clock, pod, NOT_FOUND_IMAGE, error, 720)],
      logs: {},
    };
  },
};

const UNAUTHORIZED_POD = 'payments-gateway-6f7d8c9b5-m4n8r';
const UNAUTHORIZED_IMAGE = 'registry.example.com/shop/payments-gateway:1.8.2';

/** A private repository without imagePullSecrets: the registry answers 401. Caught while still in ErrImagePull. */
export const imagePullUnauthorizedScenario: Scenario = {
  id: 'image-pull-unauthorized',
  namespace: 'shop',
  pod: UNAUTHORIZED_POD,
  expectedCategory: 'image_pull',
  summary: 'registry answers 401 Unauthorized for a private image (no imagePullSecrets), ErrImagePull',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'shop',
      name: UNAUTHORIZED_POD,
      app: 'payments-gateway',
      owner: { kind: 'Deployment', name: 'payments-gateway', hash: '6f7d8c9b5', replicas: 2, available: 0 },
      node: NodeName.WorkerB,
      createdAgo: 480,
      phase: 'Pending',
      containers: [
        {
          name: 'app',
          image: UNAUTHORIZED_IMAGE,
          spec: {
            ports: [{ name: 'https', containerPort: 8443, protocol: 'TCP' }],
            env: [
              { name: 'STRIPE_SECRET_KEY', valueFrom: { secretKeyRef: { name: 'payments-gateway', key: 'stripe' } } },
              { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' },
            ],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          },
          state: waiting(
            'ErrImagePull',
            `failed to pull and unpack image "${UNAUTHORIZED_IMAGE}": failed to resolve reference "${UNAUTHORIZED_IMAGE}": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`,
          ),
          imagePresent: false,
        },
      ],
    });
    const error =
      `rpc error: code = Unknown desc = failed to pull and unpack image "${UNAUTHORIZED_IMAGE}": ` +
      `failed to resolve reference "${UNAUTHORIZED_IMAGE}": failed to authorize: failed to fetch anonymous token: ` +
      'unexpected status from GET request to https://registry.example.com/token?scope=repository%3Ashop%2Fpayments-gateway%3Apull&service=registry.example.com: 401 Unauthorized';
    const denied =
      `rpc error: code = Unknown desc = failed to pull and unpack image "${UNAUTHORIZED_IMAGE}": ` +
      `failed to resolve reference "${UNAUTHORIZED_IMAGE}": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`;
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      ...pullEvents(clock, pod, UNAUTHORIZED_IMAGE, error, 480),
    ];
    events.push(
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'Failed',
        message: `Failed to pull image "${UNAUTHORIZED_IMAGE}": ${denied}`,
        firstAgo: 4,
        fieldPath: 'spec.containers{app}',
      }),
    );
    return { pod, owners, events, logs: {} };
  },
};
