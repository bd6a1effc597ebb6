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
  scheduledEvent,
  terminated,
} from './builders.js';
import type { Scenario } from './scenario.js';

const NAMESPACE = 'default';
const POD = 'auth-service-6b8f9c7d4-xk2lp';
const IMAGE = 'registry.example.com/platform/auth-service:4.2.0';

/** A Node.js service that exits 1 at start-up on a configuration error, buried among ordinary start-up lines. */
export const crashLoopAppErrorScenario: Scenario = {
  id: 'crash-loop-app-error',
  namespace: NAMESPACE,
  pod: POD,
  expectedCategory: 'crash_loop',
  summary: 'container app exits 1 at start-up (invalid JWT_ISSUER_URL config), CrashLoopBackOff',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: NAMESPACE,
      name: POD,
      app: 'auth-service',
      owner: { kind: 'Deployment', name: 'auth-service', hash: '6b8f9c7d4', replicas: 2, available: 1 },
      labels: { 'app.kubernetes.io/part-of': 'platform', 'app.kubernetes.io/version': '4.2.0' },
      node: NodeName.WorkerB,
      createdAgo: 960,
      phase: 'Running',
      serviceAccountName: 'auth-service',
      containers: [
        {
          name: 'app',
          image: IMAGE,
          spec: {
            command: ['node', 'dist/server.js'],
            ports: [{ name: 'http', containerPort: 3000, protocol: 'TCP' }],
            env: [
              { name: 'NODE_ENV', value: 'production' },
              { name: 'JWT_ISSUER_URL', valueFrom: { configMapKeyRef: { name: 'auth-config', key: 'issuerUrl' } } },
              { name: 'JWT_SIGNING_KEY', valueFrom: { secretKeyRef: { name: 'auth-jwt', key: 'signing-key' } } },
              { name: 'SESSION_SECRET', value: 'password=hunter2' },
              { name: 'DATABASE_URL', value: 'postgres://auth:s3cr3t@auth-db.default.svc.cluster.local:5432/auth' },
              { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
            ],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            readinessProbe: {
              httpGet: { path: '/readyz', port: 'http', scheme: 'HTTP' },
              periodSeconds: 10,
              timeoutSeconds: 1,
              failureThreshold: 3,
              successThreshold: 1,
            },
          },
          state: crashLoopBackOff('app', POD, NAMESPACE, '2m40s'),
          lastState: terminated({ reason: 'Error', exitCode: 1, startedAgo: 74, finishedAgo: 72 }),
          restartCount: 5,
        },
      ],
    });
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 960),
      ...containerStartEvents(clock, pod, 'app', IMAGE, { count: 6, firstAgo: 958, lastAgo: 75 }),
      backOffEvent(clock, pod, 'app', { count: 19, firstAgo: 940, lastAgo: 6 }),
    ];
    const previous = logLines(clock, 74, 72.1, [
      '> auth-service@4.2.0 start',
      '> node dist/server.js',
      jsonLine('info', 'loading configuration', { pid: 1, hostname: POD, env: 'production' }),
      jsonLine('debug', 'connecting to database', {
        pid: 1,
        url: 'postgres://auth:s3cr3t@auth-db.default.svc.cluster.local:5432/auth',
      }),
      jsonLine('info', 'database pool ready', { pid: 1, size: 10 }),
      jsonLine('warn', 'deprecated option "legacyCookies" ignored', { pid: 1 }),
      'smtp: verifying transport smtp://auth-notify@mailer.default.svc:587 user=auth-notify password=hunter2',
      '/app/dist/config/index.js:48',
      `    throw new ConfigError('Invalid configuration: JWT_ISSUER_URL must be a valid URL (got "' + raw + '")');`,
      '    ^',
      '',
      'ConfigError: Invalid configuration: JWT_ISSUER_URL must be a valid URL (got "")',
      '    at parseIssuer (/app/dist/config/index.js:48:11)',
      '    at loadConfig (/app/dist/config/index.js:112:20)',
      '    at async main (/app/dist/server.js:21:18)',
      '',
      'Node.js v22.12.0',
    ]);
    return { pod, owners, events, logs: { app: { previous } } };
  },
};
