import {
  buildEvent,
  buildPod,
  Clock,
  containerStartEvents,
  logLines,
  NodeName,
  ownerCreatedEvent,
  running,
  scheduledEvent,
  terminated,
} from './builders.js';
import type { Scenario } from './scenario.js';

const LIVENESS_POD = 'orders-api-6c5b4a3d2-r5t6y';
const LIVENESS_IMAGE = 'registry.example.com/shop/orders-api:5.4.1';

/**
 * A Go service whose /healthz turns 500 once its database pool is exhausted: the kubelet kills it after three
 * failures. The runtime reports reason Error and exit 137, the SIGKILL after the grace period.
 */
export const livenessProbeScenario: Scenario = {
  id: 'liveness-probe',
  namespace: 'default',
  pod: LIVENESS_POD,
  expectedCategory: 'liveness_probe_failure',
  summary: 'liveness probe /healthz answers 500 (DB pool exhausted); the kubelet restarts app (4 restarts, exit 137)',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: LIVENESS_POD,
      app: 'orders-api',
      owner: { kind: 'Deployment', name: 'orders-api', hash: '6c5b4a3d2', replicas: 3, available: 2 },
      node: NodeName.WorkerA,
      createdAgo: 3000,
      phase: 'Running',
      podIP: '10.244.1.31',
      containers: [
        {
          name: 'app',
          image: LIVENESS_IMAGE,
          spec: {
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            env: [
              { name: 'DB_DSN', value: 'postgres://orders:s3cr3t@orders-db.default.svc:5432/orders?sslmode=disable' },
              { name: 'DB_MAX_OPEN_CONNS', value: '10' },
            ],
            resources: { requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
            livenessProbe: {
              httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
              initialDelaySeconds: 10,
              periodSeconds: 10,
              timeoutSeconds: 1,
              failureThreshold: 3,
              successThreshold: 1,
            },
            readinessProbe: {
              httpGet: { path: '/readyz', port: 8080, scheme: 'HTTP' },
              periodSeconds: 5,
              timeoutSeconds: 1,
              failureThreshold: 3,
              successThreshold: 1,
            },
          },
          state: running(35),
          lastState: terminated({ reason: 'Error', exitCode: 137, startedAgo: 640, finishedAgo: 36 }),
          restartCount: 4,
          ready: false,
        },
      ],
    });
    const path = 'spec.containers{app}';
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 3000),
      ...containerStartEvents(clock, pod, 'app', LIVENESS_IMAGE, { count: 5, firstAgo: 2998, lastAgo: 36 }),
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
        count: 12,
        firstAgo: 2500,
        lastAgo: 66,
        fieldPath: path,
      }),
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
        count: 31,
        firstAgo: 2510,
        lastAgo: 4,
        fieldPath: path,
      }),
      buildEvent(clock, pod, {
        reason: 'Killing',
        message: 'Container app failed liveness probe, will be restarted',
        count: 4,
        firstAgo: 2480,
        lastAgo: 66,
        fieldPath: path,
      }),
    ];
    const goLine =
      (level: string, msg: string, extra = '') =>
      (t: Date) =>
        `time=${t.toISOString()} level=${level} msg="${msg}"${extra}`;
    const previous = logLines(clock, 639, 37, [
      goLine('INFO', 'starting orders-api', ' version=5.4.1 commit=9f8e7d6'),
      goLine(
        'INFO',
        'connected to database',
        ' dsn="postgres://orders:s3cr3t@orders-db.default.svc:5432/orders" max_open=10',
      ),
      goLine('INFO', 'http server listening', ' addr=:8080'),
      ...Array.from({ length: 20 }, (_, i) =>
        goLine('INFO', 'request', ` method=GET path=/api/v1/orders status=200 duration_ms=${12 + i * 9}`),
      ),
      goLine('WARN', 'database pool saturated', ' open=10 in_use=10 wait_count=118'),
      goLine('ERROR', 'query failed', ' err="context deadline exceeded" query=ListOrders'),
      goLine('ERROR', 'health check failed', ' check=database err="acquire conn: context deadline exceeded"'),
      goLine('INFO', 'request', ' method=GET path=/healthz status=500 duration_ms=1000'),
      goLine('ERROR', 'health check failed', ' check=database err="acquire conn: context deadline exceeded"'),
      goLine('INFO', 'request', ' method=GET path=/healthz status=500 duration_ms=1000'),
      goLine('ERROR', 'health check failed', ' check=database err="acquire conn: context deadline exceeded"'),
      goLine('INFO', 'request', ' method=GET path=/healthz status=500 duration_ms=1000'),
      goLine('INFO', 'received signal, shutting down', ' signal=terminated'),
    ]);
    const current = logLines(clock, 34, 2, [
      goLine('INFO', 'starting orders-api', ' version=5.4.1 commit=9f8e7d6'),
      goLine(
        'INFO',
        'connected to database',
        ' dsn="postgres://orders:s3cr3t@orders-db.default.svc:5432/orders" max_open=10',
      ),
      goLine('INFO', 'http server listening', ' addr=:8080'),
      goLine('WARN', 'database pool saturated', ' open=10 in_use=10 wait_count=7'),
      goLine('INFO', 'request', ' method=GET path=/readyz status=503 duration_ms=1000'),
    ]);
    return { pod, owners, events, logs: { app: { current, previous } } };
  },
};

const READINESS_POD = 'search-api-7f8e9d0c1-u7i8o';
const READINESS_IP = '10.244.1.17';

/** A service that binds to 127.0.0.1 only, so the kubelet's readiness probe on the pod IP is refused. */
export const readinessProbeScenario: Scenario = {
  id: 'readiness-probe',
  namespace: 'default',
  pod: READINESS_POD,
  expectedCategory: 'readiness_probe_failure',
  summary: 'Running but never Ready: the app listens on 127.0.0.1 only, readiness probe connection refused',
  build(now) {
    const clock = new Clock(now);
    const image = 'registry.example.com/search/search-api:2.0.0';
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: READINESS_POD,
      app: 'search-api',
      owner: { kind: 'Deployment', name: 'search-api', hash: '7f8e9d0c1', replicas: 2, available: 1 },
      node: NodeName.WorkerA,
      createdAgo: 1500,
      phase: 'Running',
      podIP: READINESS_IP,
      containers: [
        {
          name: 'app',
          image,
          spec: {
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            env: [
              { name: 'BIND_ADDRESS', value: '127.0.0.1:8080' },
              { name: 'ELASTICSEARCH_URL', value: 'https://elastic:changeme@search-es.default.svc:9200' },
            ],
            resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } },
            readinessProbe: {
              httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
              initialDelaySeconds: 5,
              periodSeconds: 10,
              timeoutSeconds: 1,
              failureThreshold: 3,
              successThreshold: 1,
            },
          },
          state: running(1497),
          ready: false,
        },
      ],
    });
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 1500),
      ...containerStartEvents(clock, pod, 'app', image, { count: 1, firstAgo: 1498, lastAgo: 1498 }),
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'Unhealthy',
        message: `Readiness probe failed: Get "http://${READINESS_IP}:8080/ready": dial tcp ${READINESS_IP}:8080: connect: connection refused`,
        count: 149,
        firstAgo: 1490,
        lastAgo: 7,
        fieldPath: 'spec.containers{app}',
      }),
    ];
    const current = logLines(clock, 1496, 20, [
      (t) => `[${t.toISOString()}] INFO  search-api 2.0.0 starting (pid 1)`,
      (t) =>
        `[${t.toISOString()}] INFO  elasticsearch: connected to https://elastic:changeme@search-es.default.svc:9200 (cluster green)`,
      (t) => `[${t.toISOString()}] INFO  index "products" has 184211 documents`,
      (t) => `[${t.toISOString()}] INFO  listening on http://127.0.0.1:8080`,
      (t) => `[${t.toISOString()}] INFO  warmup complete in 2.3s`,
      (t) => `[${t.toISOString()}] DEBUG no requests received in the last 300s`,
      (t) => `[${t.toISOString()}] DEBUG no requests received in the last 300s`,
    ]);
    return { pod, owners, events, logs: { app: { current } } };
  },
};
