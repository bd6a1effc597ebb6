import {
  backOffEvent,
  buildPod,
  Clock,
  containerStartEvents,
  crashLoopBackOff,
  jsonLine,
  logLines,
  NodeName,
  ownerCreatedEvent,
  running,
  scheduledEvent,
  terminated,
} from './builders.js';
import type { Scenario } from './scenario.js';

const CART_POD = 'cart-service-7c8d9e0f1-g5h6j';
const CART_IMAGE = 'registry.example.com/shop/cart-service:2.7.3';
const PROXY_IMAGE = 'docker.io/istio/proxyv2:1.24.2';

/**
 * The app cannot reach its database (connection refused) and exits; the Istio sidecar next to it is healthy and
 * chatty, so a client that picks "the first container" or "the noisiest log" looks in the wrong place.
 */
export const dependencyRefusedScenario: Scenario = {
  id: 'dependency-refused',
  namespace: 'shop',
  pod: CART_POD,
  expectedCategory: 'dependency_unreachable',
  summary:
    'app exits 1: postgres at cart-db.shop.svc.cluster.local:5432 refuses connections (istio-proxy sidecar healthy)',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'shop',
      name: CART_POD,
      app: 'cart-service',
      owner: { kind: 'Deployment', name: 'cart-service', hash: '7c8d9e0f1', replicas: 2, available: 1 },
      labels: { 'security.istio.io/tlsMode': 'istio', 'service.istio.io/canonical-name': 'cart-service' },
      annotations: {
        'istio.io/rev': 'default',
        'sidecar.istio.io/status':
          '{"initContainers":null,"containers":["istio-proxy"],"volumes":["istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"default"}',
      },
      node: NodeName.WorkerA,
      podIP: '10.244.1.44',
      createdAgo: 1400,
      phase: 'Running',
      containers: [
        {
          name: 'app',
          image: CART_IMAGE,
          spec: {
            ports: [{ name: 'http', containerPort: 3000, protocol: 'TCP' }],
            env: [
              { name: 'PGHOST', value: 'cart-db.shop.svc.cluster.local' },
              { name: 'PGPORT', value: '5432' },
              { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'cart-db', key: 'password' } } },
              { name: 'REDIS_URL', value: 'redis://cart-cache.shop.svc.cluster.local:6379' },
            ],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          },
          state: crashLoopBackOff('app', CART_POD, 'shop'),
          lastState: terminated({ reason: 'Error', exitCode: 1, startedAgo: 118, finishedAgo: 109 }),
          restartCount: 7,
        },
        {
          name: 'istio-proxy',
          image: PROXY_IMAGE,
          spec: {
            args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning'],
            ports: [{ name: 'http-envoy-prom', containerPort: 15090, protocol: 'TCP' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
            readinessProbe: {
              httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' },
              periodSeconds: 15,
              timeoutSeconds: 3,
              failureThreshold: 4,
              successThreshold: 1,
            },
          },
          state: running(1397),
          ready: true,
        },
      ],
    });
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 1400),
      ...containerStartEvents(clock, pod, 'app', CART_IMAGE, { count: 8, firstAgo: 1398, lastAgo: 119 }),
      ...containerStartEvents(clock, pod, 'istio-proxy', PROXY_IMAGE, { count: 1, firstAgo: 1398, lastAgo: 1398 }),
      backOffEvent(clock, pod, 'app', { count: 30, firstAgo: 1300, lastAgo: 5 }),
    ];
    const previous = logLines(clock, 117, 109, [
      jsonLine('info', 'cart-service starting', { pid: 1, version: '2.7.3' }),
      jsonLine('info', 'connecting to redis', { url: 'redis://cart-cache.shop.svc.cluster.local:6379' }),
      jsonLine('info', 'redis ready'),
      jsonLine('info', 'connecting to postgres', { host: 'cart-db.shop.svc.cluster.local', port: 5432, attempt: 1 }),
      jsonLine('warn', 'postgres connection failed, retrying in 2s', {
        attempt: 1,
        err: 'connect ECONNREFUSED 10.96.45.12:5432',
      }),
      jsonLine('warn', 'postgres connection failed, retrying in 4s', {
        attempt: 2,
        err: 'connect ECONNREFUSED 10.96.45.12:5432',
      }),
      jsonLine('error', 'could not connect to postgres at cart-db.shop.svc.cluster.local:5432: connection refused', {
        attempt: 3,
        dsn: 'postgres://cart:s3cr3t@cart-db.shop.svc.cluster.local:5432/cart',
      }),
      'Error: connect ECONNREFUSED 10.96.45.12:5432',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1615:16) {',
      '  errno: -111,',
      "  code: 'ECONNREFUSED',",
      "  syscall: 'connect',",
      "  address: '10.96.45.12',",
      '  port: 5432',
      '}',
    ]);
    const accessLog = (i: number) => (t: Date) =>
      `[${t.toISOString()}] "GET /api/v1/carts/${4000 + i} HTTP/1.1" 503 UF upstream_reset_before_response_started{remote_connection_failure} - "-" 0 91 0 - "10.244.2.9" "shop-web/3.2" "${(i * 7919).toString(16)}-4e2f" "cart-service.shop.svc.cluster.local:3000" "127.0.0.6:3000" inbound|3000|| 127.0.0.6:0 10.244.1.44:3000 10.244.2.9:51234 outbound_.3000_._.cart-service.shop.svc.cluster.local default`;
    const proxy = logLines(clock, 1396, 3, [
      (t) => `${t.toISOString()}\tinfo\tFLAG: --concurrency="2"`,
      (t) => `${t.toISOString()}\tinfo\tVersion 1.24.2-1f2a7d6c8e0b9a4f3d5c6b7e8a9f0d1c2b3a4e5f-Clean`,
      (t) =>
        `${t.toISOString()}\tinfo\tProxy role\tips=[10.244.1.44] type=sidecar id=${CART_POD}.shop domain=shop.svc.cluster.local`,
      (t) =>
        `${t.toISOString()}\tinfo\tsds\tSDS: PUSH request for node:${CART_POD}.shop resources:1 size:4.0kB resource:default`,
      (t) => `${t.toISOString()}\tinfo\tReadiness succeeded in 612.33ms`,
      (t) => `${t.toISOString()}\tinfo\tEnvoy proxy is ready`,
      ...Array.from({ length: 40 }, (_, i) => accessLog(i)),
    ]);
    return { pod, owners, events, logs: { app: { previous }, 'istio-proxy': { current: proxy } } };
  },
};

const DNS_POD = 'notification-service-5f8b9c7d6-w2x4z';
const DNS_IMAGE = 'registry.example.com/platform/notification-service:1.3.0';

/** The app's Redis host name does not resolve (the Service is called redis-primary, not redis-master). */
export const dependencyDnsScenario: Scenario = {
  id: 'dependency-dns',
  namespace: 'default',
  pod: DNS_POD,
  expectedCategory: 'dependency_unreachable',
  summary: 'app exits 1: getaddrinfo ENOTFOUND redis-master.default.svc.cluster.local',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: DNS_POD,
      app: 'notification-service',
      owner: { kind: 'Deployment', name: 'notification-service', hash: '5f8b9c7d6', replicas: 1, available: 0 },
      node: NodeName.WorkerB,
      createdAgo: 700,
      phase: 'Running',
      containers: [
        {
          name: 'app',
          image: DNS_IMAGE,
          spec: {
            env: [
              { name: 'REDIS_HOST', value: 'redis-master.default.svc.cluster.local' },
              {
                name: 'SENDGRID_API_KEY',
                value: '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',
              },
            ],
            resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { memory: '192Mi' } },
          },
          state: crashLoopBackOff('app', DNS_POD, 'default', '2m40s'),
          lastState: terminated({ reason: 'Error', exitCode: 1, startedAgo: 66, finishedAgo: 63 }),
          restartCount: 5,
        },
      ],
    });
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 700),
      ...containerStartEvents(clock, pod, 'app', DNS_IMAGE, { count: 6, firstAgo: 698, lastAgo: 67 }),
      backOffEvent(clock, pod, 'app', { count: 14, firstAgo: 660, lastAgo: 2 }),
    ];
    const previous = logLines(clock, 65, 63, [
      jsonLine('info', 'notification-service starting', { pid: 1 }),
      jsonLine('info', 'loaded templates', { count: 14 }),
      jsonLine('debug', 'aws sdk: resolved credentials from environment', {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        region: 'eu-west-1',
      }),
      jsonLine(
        'error',
        '[ioredis] Unhandled error event: Error: getaddrinfo ENOTFOUND redis-master.default.svc.cluster.local',
      ),
      'Error: getaddrinfo ENOTFOUND redis-master.default.svc.cluster.local',
      '    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26) {',
      '  errno: -3008,',
      "  code: 'ENOTFOUND',",
      "  syscall: 'getaddrinfo',",
      "  hostname: 'redis-master.default.svc.cluster.local'",
      '}',
      jsonLine('fatal', 'cannot start without redis, exiting', { code: 1 }),
    ]);
    return { pod, owners, events, logs: { app: { previous } } };
  },
};
