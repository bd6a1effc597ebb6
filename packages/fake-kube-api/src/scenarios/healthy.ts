import {
  buildPod,
  Clock,
  containerStartEvents,
  jsonLine,
  logLines,
  NodeName,
  ownerCreatedEvent,
  running,
  scheduledEvent,
} from './builders.js';
import type { Scenario } from './scenario.js';

const NGINX_POD = 'nginx-7d8f9c6b5-k2l3m';
const NGINX_IMAGE = 'nginx:1.27.3';

function accessLine(i: number) {
  const paths = ['/', '/healthz', '/static/app.js', '/api/status', '/favicon.ico'];
  const codes = [200, 200, 304, 200, 404];
  return (t: Date) => {
    const stamp = t.toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000');
    return `10.244.2.${10 + (i % 40)} - - [${stamp}] "GET ${paths[i % 5]} HTTP/1.1" ${codes[i % 5]} ${(i * 97) % 4000} "-" "kube-probe/1.31"`;
  };
}

export const healthyScenario: Scenario = {
  id: 'healthy',
  namespace: 'default',
  pod: NGINX_POD,
  expectedCategory: 'healthy',
  summary: 'nothing is wrong: nginx Running and Ready, no restarts',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: NGINX_POD,
      app: 'nginx',
      owner: { kind: 'Deployment', name: 'nginx', hash: '7d8f9c6b5', replicas: 2 },
      node: NodeName.WorkerA,
      createdAgo: 86_400 * 2,
      phase: 'Running',
      containers: [
        {
          name: 'nginx',
          image: NGINX_IMAGE,
          spec: {
            ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
            livenessProbe: {
              httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' },
              periodSeconds: 10,
              timeoutSeconds: 1,
              failureThreshold: 3,
              successThreshold: 1,
            },
            volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/conf.d', readOnly: true }],
          },
          state: running(86_400 * 2 - 4),
          ready: true,
        },
      ],
      volumes: [{ name: 'conf', configMap: { name: 'nginx-conf', defaultMode: 420 } }],
    });
    const current = logLines(clock, 86_400 * 2 - 5, 3, [
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      (t) => `${t.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')} [notice] 1#1: nginx/1.27.3`,
      (t) =>
        `${t.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')} [notice] 1#1: start worker processes`,
      ...Array.from({ length: 60 }, (_, i) => accessLine(i)),
    ]);
    return {
      pod,
      owners,
      events: [
        ...ownerCreatedEvent(clock, pod, owners),
        scheduledEvent(clock, pod, 86_400 * 2),
        ...containerStartEvents(clock, pod, 'nginx', NGINX_IMAGE, {
          count: 1,
          firstAgo: 86_400 * 2 - 2,
          lastAgo: 86_400 * 2 - 2,
        }),
      ],
      logs: { nginx: { current } },
    };
  },
};

const EXPORTER_POD = 'node-exporter-x7k2p';
const EXPORTER_IMAGE = 'quay.io/prometheus/node-exporter:v1.8.2';

export const healthyDaemonSetScenario: Scenario = {
  id: 'healthy-daemonset',
  namespace: 'monitoring',
  pod: EXPORTER_POD,
  expectedCategory: 'healthy',
  summary: 'nothing is wrong: a DaemonSet node-exporter pod, Running and Ready',
  build(now) {
    const clock = new Clock(now);
    const age = 86_400 * 12;
    const { pod, owners } = buildPod(clock, {
      namespace: 'monitoring',
      name: EXPORTER_POD,
      app: 'node-exporter',
      owner: { kind: 'DaemonSet', name: 'node-exporter', desired: 3 },
      node: NodeName.WorkerB,
      createdAgo: age,
      phase: 'Running',
      podIP: '10.0.1.22',
      spec: { hostNetwork: true, hostPID: true },
      containers: [
        {
          name: 'node-exporter',
          image: EXPORTER_IMAGE,
          spec: {
            args: ['--path.rootfs=/host/root', '--web.listen-address=:9100'],
            ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }],
            resources: { requests: { cpu: '10m', memory: '24Mi' }, limits: { memory: '64Mi' } },
            volumeMounts: [{ name: 'root', mountPath: '/host/root', readOnly: true }],
          },
          state: running(age - 6),
          ready: true,
        },
      ],
      volumes: [{ name: 'root', hostPath: { path: '/', type: '' } }],
    });
    const current = logLines(clock, age - 7, age - 8, [
      (t) =>
        `ts=${t.toISOString()} caller=node_exporter.go:193 level=info msg="Starting node_exporter" version="(version=1.8.2, branch=HEAD, revision=f1e0e8360aa60b6cb5e5cc1560bed348fc2c1895)"`,
      (t) => `ts=${t.toISOString()} caller=node_exporter.go:111 level=info msg="Enabled collectors"`,
      (t) => `ts=${t.toISOString()} caller=tls_config.go:313 level=info msg="Listening on" address=[::]:9100`,
      (t) =>
        `ts=${t.toISOString()} caller=tls_config.go:316 level=info msg="TLS is disabled." http2=false address=[::]:9100`,
    ]);
    return {
      pod,
      owners,
      events: ownerCreatedEvent(clock, pod, owners),
      logs: { 'node-exporter': { current } },
    };
  },
};

const GATEWAY_POD = 'api-gateway-5d4c8b7f9-h8j2k';
const GATEWAY_IMAGE = 'registry.example.com/shop/api-gateway:6.0.2';
const SHIPPER_IMAGE = 'cr.fluentbit.io/fluent/fluent-bit:3.2.4';

/** Two containers; `kubectl.kubernetes.io/default-container` names the one `kubectl logs` should pick. */
export const healthyMultiContainerScenario: Scenario = {
  id: 'healthy-multi-container',
  namespace: 'shop',
  pod: GATEWAY_POD,
  expectedCategory: 'healthy',
  summary: 'nothing is wrong: gateway + log-shipper, default-container annotation names gateway',
  build(now) {
    const clock = new Clock(now);
    const age = 86_400 * 5;
    const { pod, owners } = buildPod(clock, {
      namespace: 'shop',
      name: GATEWAY_POD,
      app: 'api-gateway',
      owner: { kind: 'Deployment', name: 'api-gateway', hash: '5d4c8b7f9', replicas: 2 },
      annotations: { 'kubectl.kubernetes.io/default-container': 'gateway' },
      node: NodeName.WorkerA,
      createdAgo: age,
      phase: 'Running',
      containers: [
        {
          name: 'log-shipper',
          image: SHIPPER_IMAGE,
          spec: {
            resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '64Mi' } },
            volumeMounts: [{ name: 'logs', mountPath: '/var/log/gateway', readOnly: true }],
          },
          state: running(age - 3),
          ready: true,
        },
        {
          name: 'gateway',
          image: GATEWAY_IMAGE,
          spec: {
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            env: [{ name: 'UPSTREAM_TOKEN', value: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJnYXRld2F5In0.dGVzdA' }],
            resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '256Mi' } },
            volumeMounts: [{ name: 'logs', mountPath: '/var/log/gateway' }],
          },
          state: running(age - 3),
          ready: true,
        },
      ],
      volumes: [{ name: 'logs', emptyDir: {} }],
    });
    const gateway = logLines(clock, age - 4, 2, [
      jsonLine('info', 'gateway listening', { addr: ':8080', routes: 42 }),
      ...Array.from({ length: 30 }, (_, i) =>
        jsonLine('info', 'request', { method: 'GET', path: `/api/v1/products/${i}`, status: 200, ms: 5 + (i % 7) }),
      ),
    ]);
    const shipper = logLines(clock, age - 4, 60, [
      '[2024/11/02 10:00:00] [ info] [fluent bit] version=3.2.4, commit=1b2c3d4e5f, pid=1',
      '[2024/11/02 10:00:00] [ info] [input:tail:tail.0] initializing',
      '[2024/11/02 10:00:00] [ info] [output:forward:forward.0] worker #0 started',
    ]);
    return {
      pod,
      owners,
      events: [
        ...ownerCreatedEvent(clock, pod, owners),
        scheduledEvent(clock, pod, age),
        ...containerStartEvents(clock, pod, 'log-shipper', SHIPPER_IMAGE, {
          count: 1,
          firstAgo: age - 2,
          lastAgo: age - 2,
        }),
        ...containerStartEvents(clock, pod, 'gateway', GATEWAY_IMAGE, {
          count: 1,
          firstAgo: age - 2,
          lastAgo: age - 2,
        }),
      ],
      logs: { gateway: { current: gateway }, 'log-shipper': { current: shipper } },
    };
  },
};
