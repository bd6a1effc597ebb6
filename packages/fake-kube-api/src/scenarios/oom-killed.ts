import {
  backOffEvent,
  buildPod,
  Clock,
  containerStartEvents,
  crashLoopBackOff,
  logLines,
  NodeName,
  ownerCreatedEvent,
  scheduledEvent,
  springLine,
  terminated,
} from './builders.js';
import type { Scenario } from './scenario.js';

const NAMESPACE = 'payments';
const POD = 'checkout-api-7d9f8b6c5-x2k4p';
const IMAGE = 'registry.example.com/payments/checkout-api:2.14.0';

/** A JVM service whose heap outgrows its 256Mi limit: the kernel OOM-kills it and the kubelet backs off. */
export const oomKilledScenario: Scenario = {
  id: 'oom-killed',
  namespace: NAMESPACE,
  pod: POD,
  expectedCategory: 'oom_killed',
  summary: 'container app exceeds its 256Mi memory limit and is OOMKilled (exit 137), now in CrashLoopBackOff',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: NAMESPACE,
      name: POD,
      app: 'checkout-api',
      owner: { kind: 'Deployment', name: 'checkout-api', hash: '7d9f8b6c5', replicas: 3, available: 2 },
      labels: { 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/version': '2.14.0', team: 'payments' },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
      node: NodeName.WorkerA,
      createdAgo: 1860,
      phase: 'Running',
      serviceAccountName: 'checkout-api',
      containers: [
        {
          name: 'app',
          image: IMAGE,
          spec: {
            ports: [
              { name: 'http', containerPort: 8080, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
            ],
            env: [
              { name: 'JAVA_TOOL_OPTIONS', value: '-XX:MaxRAMPercentage=90.0 -XX:+ExitOnOutOfMemoryError' },
              { name: 'SPRING_PROFILES_ACTIVE', value: 'production' },
              {
                name: 'DB_PASSWORD',
                valueFrom: { secretKeyRef: { name: 'checkout-db', key: 'password' } },
              },
              { name: 'PAYMENT_PROVIDER_API_KEY', value: 'sk_live_51HxQ2eKf8Z3vN7mTq9Lw0pRt' },
              {
                name: 'FEATURE_FLAGS_URL',
                valueFrom: { configMapKeyRef: { name: 'checkout-config', key: 'featureFlagsUrl' } },
              },
            ],
            envFrom: [{ configMapRef: { name: 'checkout-config' } }],
            resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '256Mi' } },
            livenessProbe: {
              httpGet: { path: '/actuator/health/liveness', port: 8080, scheme: 'HTTP' },
              initialDelaySeconds: 30,
              periodSeconds: 10,
              timeoutSeconds: 2,
              failureThreshold: 3,
              successThreshold: 1,
            },
            readinessProbe: {
              httpGet: { path: '/actuator/health/readiness', port: 8080, scheme: 'HTTP' },
              periodSeconds: 5,
              timeoutSeconds: 2,
              failureThreshold: 3,
              successThreshold: 1,
            },
            volumeMounts: [{ name: 'config', mountPath: '/etc/checkout', readOnly: true }],
          },
          state: crashLoopBackOff('app', POD, NAMESPACE),
          lastState: terminated({ reason: 'OOMKilled', exitCode: 137, startedAgo: 212, finishedAgo: 95 }),
          restartCount: 6,
        },
      ],
      volumes: [{ name: 'config', configMap: { name: 'checkout-config', defaultMode: 420 } }],
    });
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 1860),
      ...containerStartEvents(clock, pod, 'app', IMAGE, { count: 7, firstAgo: 1858, lastAgo: 213 }),
      backOffEvent(clock, pod, 'app', { count: 24, firstAgo: 1500, lastAgo: 8 }),
    ];

    const heap = [112, 131, 148, 166, 181, 197, 209, 221, 229, 236, 241, 245];
    const cart = 'c.e.checkout.cart.CartCache';
    const jvm = 'c.e.checkout.metrics.JvmMemory';
    const previous = logLines(clock, 211, 95, [
      '  .   ____          _            __ _ _',
      ' :: Spring Boot ::                (v3.3.5)',
      springLine(
        'INFO',
        'c.e.checkout.CheckoutApplication',
        'Starting CheckoutApplication v2.14.0 using Java 21.0.5 with PID 1',
      ),
      springLine('INFO', 'c.e.checkout.CheckoutApplication', 'The following 1 profile is active: "production"'),
      springLine(
        'INFO',
        'com.zaxxer.hikari.HikariDataSource',
        'HikariPool-1 - Starting... url=postgres://checkout:s3cr3t@checkout-db.payments.svc:5432/checkout',
      ),
      springLine('INFO', 'com.zaxxer.hikari.HikariDataSource', 'HikariPool-1 - Start completed.'),
      springLine(
        'INFO',
        'o.s.b.w.embedded.tomcat.TomcatWebServer',
        "Tomcat started on port 8080 (http) with context path '/'",
      ),
      springLine(
        'INFO',
        'c.e.checkout.CheckoutApplication',
        'Started CheckoutApplication in 6.912 seconds (process running for 7.41)',
      ),
      ...heap.flatMap((used, i) => [
        springLine('INFO', cart, `cart cache size=${(i + 1) * 41_250} entries, evictions=0`, 'scheduling-1'),
        springLine(
          used > 220 ? 'WARN' : 'INFO',
          jvm,
          `heap used=${used}Mi committed=${Math.min(used + 8, 250)}Mi max=230Mi gc_pause_ms=${Math.round((used * used) / 900)}`,
          'scheduling-1',
        ),
      ]),
      springLine(
        'WARN',
        'c.e.checkout.api.CheckoutController',
        'POST /api/v1/checkout took 4812ms (Authorization: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJl)',
        'http-nio-8080-exec-7',
      ),
      '[2146.712s][warning][gc] GC(87) Pause Full (G1 Compaction Pause) 244M->243M(256M) 812.114ms',
      springLine('WARN', cart, 'allocation of 16777216 bytes for cart snapshot failed, retrying', 'scheduling-1'),
    ]);
    return { pod, owners, events, logs: { app: { previous } } };
  },
};
