import { type FakeKubeApi, findScenario, SCENARIOS } from '@sre-orchestrator/fake-kube-api';
import type { AppInstance } from '@sre-orchestrator/service-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadAgentConfig } from '../../src/config.js';
import { agentOver, kubeConfigFor, startFakeKubeApi } from '../helpers/fake-cluster.js';

let fake: FakeKubeApi;
let agent: AppInstance;
const extraApps: AppInstance[] = [];

beforeAll(async () => {
  fake = await startFakeKubeApi();
  agent = await agentOver(fake);
}, 60_000);

afterEach(async () => {
  fake.reset();
  await Promise.all(extraApps.splice(0).map((app) => app.close()));
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await agent?.close();
  await fake?.close();
});

async function extraAgent(...args: Parameters<typeof agentOver> extends [unknown, ...infer Rest] ? Rest : never) {
  const app = await agentOver(fake, ...args);
  extraApps.push(app);
  return app;
}

const podPath = (id: string, suffix = '') => {
  const s = findScenario(id);
  return `/api/v1/pods/${s.namespace}/${s.pod}${suffix}`;
};

describe('pod details over the client-node adapter', () => {
  const readable = SCENARIOS.filter((s) => !s.forbiddenNamespace);

  it.each(readable.map((s) => [s.id, s]))(
    'when scenario %s is read, then its details match the fixture',
    async (_id, s) => {
      // Arrange
      const fixture = s.build(new Date());

      // Act
      const response = await agent.inject(`/api/v1/pods/${s.namespace}/${s.pod}`);

      // Assert
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        name: s.pod,
        namespace: s.namespace,
        phase: fixture.pod.status?.phase,
        status: fixture.pod.status?.phase,
        node_name: fixture.pod.spec?.nodeName ?? null,
        qos_class: fixture.pod.status?.qosClass ?? null,
      });
      const specNames = [...(fixture.pod.spec?.initContainers ?? []), ...(fixture.pod.spec?.containers ?? [])].map(
        (c) => c.name,
      );
      expect(body.containers.map((c: { name: string }) => c.name)).toEqual(specNames);
      const restarts = [
        ...(fixture.pod.status?.initContainerStatuses ?? []),
        ...(fixture.pod.status?.containerStatuses ?? []),
      ]
        .map((c) => c.restartCount ?? 0)
        .reduce((a, b) => a + b, 0);
      expect(body.restart_count).toBe(restarts);
      expect(body.owner_chain.every((o: { resolved: boolean }) => o.resolved)).toBe(true);
    },
  );

  it('when the OOM-killed pod is read, then the last state shows OOMKilled with exit code 137', async () => {
    // Act
    const body = (await agent.inject(podPath('oom-killed'))).json();

    // Assert
    const app = body.containers.find((c: { init: boolean }) => !c.init);
    expect(app.last_state).toMatchObject({ kind: 'terminated', reason: 'OOMKilled', exit_code: 137 });
    expect(body.resource_limits[app.name]).toHaveProperty('memory');
  });

  it.each([
    [
      'oom-killed',
      [
        ['ReplicaSet', 'checkout-api-7d9f8b6c5'],
        ['Deployment', 'checkout-api'],
      ],
    ],
    ['healthy-daemonset', [['DaemonSet', 'node-exporter']]],
    ['unschedulable-pvc', [['StatefulSet', 'postgres']]],
    [
      'job-failed',
      [
        ['Job', 'db-migrate-28473920'],
        ['CronJob', 'db-migrate'],
      ],
    ],
  ])('when scenario %s is read, then the owner chain is resolved up to the controller', async (id, expected) => {
    // Act
    const body = (await agent.inject(podPath(id))).json();

    // Assert
    expect(body.owner_chain.map((o: { kind: string; name: string }) => [o.kind, o.name])).toEqual(expected);
    expect(body.controller).toEqual({ kind: expected.at(-1)?.[0], name: expected.at(-1)?.[1] });
  });

  it('when reading an owner is forbidden, then the chain stops there unresolved and the details still come back', async () => {
    // Arrange
    fake.forbid('get', 'deployments', 'payments');

    // Act
    const response = await agent.inject(podPath('oom-killed'));

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.json().owner_chain.map((o: { kind: string; resolved: boolean }) => [o.kind, o.resolved])).toEqual([
      ['ReplicaSet', true],
      ['Deployment', false],
    ]);
  });

  it("when the pod does not exist, then 404 carries Kubernetes' message", async () => {
    // Act
    const response = await agent.inject('/api/v1/pods/default/no-such-pod');

    // Assert
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 404, reason: 'NotFound', message: 'pods "no-such-pod" not found' });
  });

  it('when the namespace does not exist, then 404 comes back', async () => {
    expect((await agent.inject('/api/v1/pods/no-such-namespace/web-0')).statusCode).toBe(404);
  });

  it('when the namespace is restricted, then 403 names verb, resource and namespace', async () => {
    // Act
    const response = await agent.inject(podPath('forbidden-namespace'));

    // Assert
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      details: { verb: 'get', resource: 'pods', namespace: 'restricted' },
    });
    expect(response.json().message).toMatch(
      /^the agent's service account may not get pods in namespace "restricted": pods ".*" is forbidden: User ".*" cannot get resource "pods"/,
    );
  });

  it.each([
    ['/api/v1/pods/Default/nginx'],
    ['/api/v1/pods/default/nginx%2F..%2F..%2Fsecrets'],
    ['/api/v1/pods/default/NGINX'],
    ['/api/v1/pods/default/nginx/logs?container=bad_name'],
    ['/api/v1/pods/kube_system/nginx/events'],
  ])('when %s is asked, then 400 comes back and the Kubernetes API records no request', async (url) => {
    // Act
    const response = await agent.inject(url);

    // Assert
    expect(response.statusCode).toBe(400);
    expect(fake.requests).toEqual([]);
  });
});

describe('connections to the Kubernetes API', () => {
  it('when several reads follow each other, then they share keep-alive connections instead of one TLS handshake each', async () => {
    // Arrange: one read to warm the pool, then count from zero
    await agent.inject(podPath('healthy'));
    fake.reset();

    // Act: 5 pod reads, each also reading the owner chain (3 Kubernetes calls apiece)
    for (let i = 0; i < 5; i++) expect((await agent.inject(podPath('oom-killed'))).statusCode).toBe(200);

    // Assert
    expect(fake.requests.length).toBeGreaterThanOrEqual(15);
    expect(fake.connectionCount).toBeLessThanOrEqual(2);
  });
});

describe('pod logs over the client-node adapter', () => {
  it('when the crash-looping pod is asked for previous logs, then the crashed instance is returned', async () => {
    // Act
    const response = await agent.inject(podPath('crash-loop-app-error', '/logs?previous=true'));

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      previous: true,
      container: 'app',
      container_selection: 'only',
      truncated: false,
    });
    expect(response.json().line_count).toBeGreaterThan(0);
  });

  it('when tail is given, then at most that many lines come back and tailLines reaches Kubernetes', async () => {
    // Act
    const response = await agent.inject(podPath('huge-logs', '/logs?tail=7'));

    // Assert
    expect(response.json()).toMatchObject({ line_count: 7, tail: 7, truncated: false });
    const logRequest = fake.requests.find((r) => r.path.endsWith('/log'));
    expect(logRequest?.query).toMatchObject({ tailLines: '7', limitBytes: String(256 * 1024 + 1) });
  });

  it('when the huge log is read with a large tail, then the answer is cut at the default limit on a line boundary', async () => {
    // Act
    const response = await agent.inject(podPath('huge-logs', '/logs?tail=5000'));

    // Assert
    const body = response.json();
    expect(body).toMatchObject({ truncated: true, limit_bytes: 256 * 1024 });
    const bytes = body.lines.reduce((sum: number, line: string) => sum + Buffer.byteLength(line) + 1, 0);
    expect(bytes).toBeLessThanOrEqual(256 * 1024);
    expect(bytes).toBeGreaterThan(250 * 1024);
    for (const line of body.lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('when limit_bytes is small, then only whole lines within it come back', async () => {
    // Act
    const body = (await agent.inject(podPath('huge-logs', '/logs?tail=100&limit_bytes=1000'))).json();

    // Assert
    expect(body.truncated).toBe(true);
    expect(body.lines.join('\n').length).toBeLessThanOrEqual(1000);
    for (const line of body.lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('when timestamps are asked for, then every line starts with an RFC 3339 timestamp', async () => {
    // Act
    const body = (await agent.inject(podPath('oom-killed', '/logs?timestamps=true&tail=5'))).json();

    // Assert
    expect(body.timestamps).toBe(true);
    for (const line of body.lines) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z /);
  });

  it('when since_seconds is given, then only lines of that window come back and sinceSeconds reaches Kubernetes', async () => {
    // Act
    const asked = Date.now();
    const body = (
      await agent.inject(podPath('huge-logs', '/logs?since_seconds=60&tail=5000&limit_bytes=1048576&timestamps=true'))
    ).json();

    // Assert: the spammer writes 60 000 lines an hour, so a minute holds far fewer than the tail of 5 000.
    expect(body.since_seconds).toBe(60);
    expect(body.line_count).toBeLessThan(1_200);
    for (const line of body.lines) {
      expect(Date.parse(line.slice(0, line.indexOf(' ')))).toBeGreaterThanOrEqual(asked - 61_000);
    }
    expect(fake.requests.find((r) => r.path.endsWith('/log'))?.query).toMatchObject({ sinceSeconds: '60' });
  });

  it('when a multi-container pod has the default-container annotation, then that container is chosen', async () => {
    // Act
    const body = (await agent.inject(podPath('healthy-multi-container', '/logs'))).json();

    // Assert
    expect(body).toMatchObject({ container: 'gateway', container_selection: 'annotation' });
  });

  it('when an init container is the one failing, then it is chosen', async () => {
    // Act
    const body = (await agent.inject(podPath('init-container-failure', '/logs'))).json();

    // Assert
    expect(body).toMatchObject({ container: 'migrate', container_selection: 'failing' });
  });

  it("when previous logs are asked of a container that never restarted, then 400 carries Kubernetes' message", async () => {
    // Act
    const response = await agent.inject(podPath('healthy', '/logs?previous=true'));

    // Assert
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      `previous terminated container "nginx" in pod "${findScenario('healthy').pod}" not found`,
    );
  });

  it("when the container is still waiting to start, then 400 carries Kubernetes' explanation", async () => {
    // Act
    const response = await agent.inject(podPath('image-pull-not-found', '/logs'));

    // Assert
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^container "app" in pod ".*" is waiting to start: /);
  });

  it("when the container is unknown, then 404 carries Kubernetes' message", async () => {
    // Act
    const response = await agent.inject(podPath('healthy', '/logs?container=no-such-container'));

    // Assert
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      reason: 'ContainerNotFound',
      message: `container no-such-container is not valid for pod ${findScenario('healthy').pod}`,
    });
  });

  it('when the pod is not scheduled, then 200 comes back with no lines', async () => {
    // Act
    const response = await agent.inject(podPath('unschedulable-resources', '/logs'));

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ lines: [], line_count: 0 });
  });

  it('when the container wrote nothing, then 200 comes back with no lines', async () => {
    // Act
    const response = await agent.inject(podPath('container-start-error', '/logs'));

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ lines: [], line_count: 0, truncated: false });
  });

  it('when pods/log is forbidden, then 403 names get, pods/log and the namespace', async () => {
    // Arrange
    fake.forbid('get', 'pods/log', 'payments');

    // Act
    const response = await agent.inject(podPath('oom-killed', '/logs'));

    // Assert
    expect(response.statusCode).toBe(403);
    expect(response.json().details).toEqual({ verb: 'get', resource: 'pods/log', namespace: 'payments' });
    expect(response.json().message).toMatch(
      /^the agent's service account may not get pods\/log in namespace "payments": /,
    );
  });
});

describe('pod events over the client-node adapter', () => {
  it.each(SCENARIOS.filter((s) => !s.forbiddenNamespace).map((s) => [s.id, s]))(
    'when the events of %s are read, then they come back newest first',
    async (_id, s) => {
      // Act
      const response = await agent.inject(`/api/v1/pods/${s.namespace}/${s.pod}/events`);

      // Assert
      expect(response.statusCode).toBe(200);
      const seen = response.json().events.map((e: { last_seen: string | null }) => Date.parse(e.last_seen ?? ''));
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
    },
  );

  it('when the OOM-killed pod events are read, then the field selector and limit reach Kubernetes', async () => {
    // Act
    const response = await agent.inject(podPath('oom-killed', '/events'));

    // Assert
    expect(response.json().events.length).toBeGreaterThan(0);
    expect(fake.requests.find((r) => r.path.endsWith('/events'))?.query).toMatchObject({
      fieldSelector: `involvedObject.name=${findScenario('oom-killed').pod},involvedObject.namespace=payments`,
      limit: '500',
    });
  });

  it('when events are forbidden, then 403 names list, events and the namespace', async () => {
    // Act
    const response = await agent.inject(podPath('forbidden-namespace', '/events'));

    // Assert
    expect(response.statusCode).toBe(403);
    expect(response.json().details).toEqual({ verb: 'list', resource: 'events', namespace: 'restricted' });
  });
});

describe('failures of the Kubernetes API', () => {
  it('when the agent token is rejected, then 503 says the credentials were rejected', async () => {
    // Arrange
    const app = await extraAgent(
      {},
      kubeConfigFor(fake, (yaml) => yaml.replace(fake.token, 'wrong-token')),
    );

    // Act
    const response = await app.inject(podPath('healthy'));

    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.json().reason).toBe('KubeCredentialsRejected');
  });

  it('when the API is slower than K8S_REQUEST_TIMEOUT_MS, then 504 comes back within the timeout', async () => {
    // Arrange
    const app = await extraAgent({ K8S_REQUEST_TIMEOUT_MS: '300' });
    fake.setLatency(3_000);

    // Act
    const started = performance.now();
    const response = await app.inject(podPath('healthy'));
    const elapsed = performance.now() - started;

    // Assert
    expect(response.statusCode).toBe(504);
    expect(response.json()).toMatchObject({ code: 504, reason: 'Timeout' });
    expect(elapsed).toBeLessThan(1_500);
  });

  it('when a proxy answers with an HTML error page, then 502 carries its text, not markup', async () => {
    // Arrange
    const s = findScenario('healthy');
    fake.rawResponse(
      `/api/v1/namespaces/${s.namespace}/pods/${s.pod}`,
      502,
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
    );

    // Act
    const response = await agent.inject(podPath('healthy'));

    // Assert
    expect(response.statusCode).toBe(502);
    expect(response.json().message).toBe('the Kubernetes API failed (HTTP 502): "502 Bad Gateway 502 Bad Gateway"');
  });

  it('when a 200 answer is an HTML page, then 502 comes back, not 500', async () => {
    // Arrange
    const s = findScenario('healthy');
    fake.rawResponse(`/api/v1/namespaces/${s.namespace}/pods/${s.pod}`, 200, '<html>login</html>');

    // Act
    const response = await agent.inject(podPath('healthy'));

    // Assert
    expect(response.statusCode).toBe(502);
    expect(response.json().reason).toBe('KubeInvalidResponse');
  });

  it('when the API server is unreachable, then 503 names the connection error', async () => {
    // Arrange
    const app = await extraAgent(
      {},
      kubeConfigFor(fake, (yaml) => yaml.replace(fake.url, 'https://127.0.0.1:1')),
    );

    // Act
    const response = await app.inject(podPath('healthy'));

    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ reason: 'KubeUnreachable', details: { error_code: 'ECONNREFUSED' } });
  });

  it('when the server URL is plain http, then the agent refuses it without a request and /ready says why', async () => {
    // Arrange
    const app = await extraAgent(
      {},
      kubeConfigFor(fake, (yaml) => yaml.replace(fake.url, fake.url.replace('https:', 'http:'))),
    );

    // Act
    const ready = await app.inject('/ready');
    const pod = await app.inject(podPath('healthy'));

    // Assert
    expect(ready.statusCode).toBe(503);
    expect(ready.json().message).toMatch(/refusing plain-http Kubernetes API server http:\/\/127\.0\.0\.1:\d+/);
    expect(pod.statusCode).toBe(503);
    expect(fake.requests).toEqual([]);
  });

  it('when KUBECONFIG names a missing file, then the agent still starts and answers 503 not configured', async () => {
    // Arrange
    vi.stubEnv('KUBECONFIG', '/nonexistent/kubeconfig');
    const app = await buildApp({ config: loadAgentConfig({ LOG_LEVEL: 'silent' }) });
    extraApps.push(app);

    // Act
    const health = await app.inject('/health');
    const pod = await app.inject(podPath('healthy'));

    // Assert
    expect(health.statusCode).toBe(200);
    expect(pod.statusCode).toBe(503);
    expect(pod.json()).toMatchObject({ reason: 'KubeNotConfigured' });
    expect(pod.json().message).toContain('/nonexistent/kubeconfig');
  });
});

describe('readiness', () => {
  it('when pods can be listed in the context namespace, then /ready is 200 with one limit=1 list', async () => {
    // Arrange
    const app = await extraAgent();

    // Act
    const response = await app.inject('/ready');

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ready',
      checks: { kubernetes: { namespace: 'default', server: fake.url } },
    });
    expect(fake.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { limit: '1' } }),
    ]);
  });

  it('when the agent namespace is restricted, then /ready is 503 naming list pods there', async () => {
    // Arrange
    const app = await extraAgent({ AGENT_NAMESPACE: 'restricted' });

    // Act
    const response = await app.inject('/ready');

    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.json().details).toMatchObject({ verb: 'list', resource: 'pods', namespace: 'restricted' });
  });
});

describe('secrets never leave the agent', () => {
  // Credentials the fixtures hold in env values and write into logs.
  const LOG_CREDENTIALS = ['s3cr3t', 'hunter2', 'changeme', 'eyJzdWIiOiJ1c2VyLTQyIn0'];
  const SECRET_ENV_NAME = /PASSWORD|SECRET|TOKEN|API_KEY|ACCESS_KEY/;
  const URL_WITH_CREDENTIALS = /:\/\/[^\s/@]*:[^\s/@]+@/;

  it('when every endpoint of every scenario is read, then no secret env value or logged credential appears', async () => {
    // Arrange
    const secrets = new Set(LOG_CREDENTIALS);
    const bodies: string[] = [];
    for (const s of SCENARIOS) {
      const fixture = s.build(new Date());
      const containers = [...(fixture.pod.spec?.initContainers ?? []), ...(fixture.pod.spec?.containers ?? [])];
      for (const c of containers) {
        for (const env of c.env ?? []) {
          if (env.value && (SECRET_ENV_NAME.test(env.name) || URL_WITH_CREDENTIALS.test(env.value))) {
            secrets.add(env.value);
          }
        }
      }

      // Act
      const base = `/api/v1/pods/${s.namespace}/${s.pod}`;
      bodies.push((await agent.inject(base)).body, (await agent.inject(`${base}/events`)).body);
      for (const c of containers) {
        for (const previous of [false, true]) {
          bodies.push((await agent.inject(`${base}/logs?container=${c.name}&previous=${previous}&tail=5000`)).body);
        }
      }
    }

    // Assert
    const all = bodies.join('\n');
    expect(secrets.size).toBeGreaterThan(8);
    for (const secret of secrets) expect(all, `leaked: ${secret}`).not.toContain(secret);
    expect(all).toContain('****');
  }, 60_000);
});

describe('OpenAPI', () => {
  it('when /openapi.json is read from the running agent, then every route is listed with its schemas', async () => {
    // Act
    const doc = (await agent.inject('/openapi.json')).json();

    // Assert
    const logs = doc.paths['/api/v1/pods/{namespace}/{name}/logs'].get;
    expect(logs.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'namespace',
        'name',
        'container',
        'tail',
        'previous',
        'since_seconds',
        'limit_bytes',
        'timestamps',
      ]),
    );
    expect(Object.keys(logs.responses)).toEqual(
      expect.arrayContaining(['200', '400', '403', '404', '502', '503', '504']),
    );
    expect(doc.paths['/ready'].get.responses).toHaveProperty('503');
  });
});

describe('startup logs', () => {
  function captureLogs() {
    const lines: Record<string, unknown>[] = [];
    return { lines, stream: { write: (line: string) => lines.push(JSON.parse(line)) } };
  }

  it('when the kubeconfig is missing, then the first log line says Kubernetes is not configured and why', async () => {
    // Arrange
    vi.stubEnv('KUBECONFIG', '/nonexistent/kubeconfig');
    const { lines, stream } = captureLogs();

    // Act
    const app = await buildApp({ config: loadAgentConfig({ LOG_LEVEL: 'info' }), logStream: stream });
    extraApps.push(app);

    // Assert
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: expect.stringMatching(
        /^kubernetes not configured: cannot load the kubeconfig \(KUBECONFIG=\/nonexistent\/kubeconfig\)/,
      ),
    });
  });

  it('when the agent may not list pods in its namespace, then the startup check logs what is missing', async () => {
    // Arrange
    const { lines, stream } = captureLogs();
    const app = await buildApp({
      config: loadAgentConfig({ LOG_LEVEL: 'info', AGENT_NAMESPACE: 'restricted' }),
      kubeConfig: kubeConfigFor(fake),
      logStream: stream,
    });
    extraApps.push(app);

    // Act
    await app.readiness.check();

    // Assert
    expect(lines.map((l) => l.msg)).toEqual([
      'kubernetes configuration loaded',
      expect.stringMatching(
        /^kubernetes API NOT ready: the agent's service account may not list pods in namespace "restricted"/,
      ),
    ]);
  });
});
