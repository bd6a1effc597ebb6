import { describe, expect, it } from 'vitest';
import { KubeError, KubeFailure } from '../../src/kube/kube-error.js';
import { buildTestApp } from '../helpers/build-test-app.js';
import { FakeGateway } from '../helpers/fake-gateway.js';
import { runningPod } from '../helpers/pods.js';

const POD = 'checkout-api-7d9f8b6c5-x2k4p';
const BASE = `/api/v1/pods/payments/${POD}`;

function gatewayWithPod(): FakeGateway {
  const gateway = new FakeGateway().addPod(runningPod());
  gateway.owners.set('ReplicaSet/checkout-api-7d9f8b6c5', {
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout-api', uid: 'd-uid', controller: true },
    ],
  });
  gateway.owners.set('Deployment/checkout-api', {});
  return gateway;
}

describe('GET /api/v1/pods/{namespace}/{name}', () => {
  it('when the pod exists, then its details come back with the owner chain up to the Deployment', async () => {
    // Arrange
    const { app } = await buildTestApp({}, gatewayWithPod());

    // Act
    const response = await app.inject(BASE);

    // Assert
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.owner_chain.map((o: { kind: string; resolved: boolean }) => [o.kind, o.resolved])).toEqual([
      ['ReplicaSet', true],
      ['Deployment', true],
    ]);
    expect(body.controller).toEqual({ kind: 'Deployment', name: 'checkout-api' });
    expect(response.body).not.toContain('hunter2-inline');
  });

  it('when an owner is gone, then it is reported unresolved and the chain stops without an error', async () => {
    // Arrange
    const gateway = gatewayWithPod();
    gateway.owners.clear();
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject(BASE);

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.json().owner_chain).toEqual([
      { kind: 'ReplicaSet', name: 'checkout-api-7d9f8b6c5', api_version: 'apps/v1', uid: 'rs-uid', resolved: false },
    ]);
  });

  it.each([
    ['an uppercase namespace', '/api/v1/pods/Payments/web-0'],
    ['a namespace with a dot', '/api/v1/pods/pay.ments/web-0'],
    ['an encoded slash in the pod name', '/api/v1/pods/payments/web%2F..%2Fsecrets'],
    ['a pod name with a query', '/api/v1/pods/payments/web%3Fwatch=true'],
    ['a 64-character namespace', `/api/v1/pods/${'a'.repeat(64)}/web-0`],
  ])('when the path holds %s, then 400 comes back and Kubernetes is not called', async (_name, url) => {
    // Arrange
    const { app, gateway } = await buildTestApp();

    // Act
    const response = await app.inject(url);

    // Assert
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(gateway.calls).toEqual([]);
  });

  it('when Kubernetes is slow, then 504 comes back in the one error shape with a request id', async () => {
    // Arrange
    const gateway = gatewayWithPod();
    gateway.failWith = () =>
      new KubeError(KubeFailure.Timeout, 'the Kubernetes API did not answer "get pod" within 100 ms');
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject({ url: BASE, headers: { 'x-request-id': 'req-42' } });

    // Assert
    expect(response.statusCode).toBe(504);
    expect(response.json()).toEqual({
      code: 504,
      reason: 'Timeout',
      message: 'the Kubernetes API did not answer "get pod" within 100 ms',
      request_id: 'req-42',
    });
  });

  it('when the agent has no Kubernetes configuration, then 503 carries the reason', async () => {
    // Arrange
    const gateway = new FakeGateway();
    gateway.failWith = () => new KubeError(KubeFailure.NotConfigured, 'no Kubernetes configuration found');
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject(BASE);

    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      reason: 'KubeNotConfigured',
      message: 'no Kubernetes configuration found',
    });
  });
});

describe('GET /api/v1/pods/{namespace}/{name}/logs', () => {
  it('when no tail is given, then the default tail and limit+1 bytes are asked of Kubernetes', async () => {
    // Arrange
    const gateway = gatewayWithPod();
    gateway.logs.set(`${POD}/app`, 'started\nlistening on :8080\n');
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject(`${BASE}/logs`);

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      container: 'app',
      container_selection: 'only',
      lines: ['started', 'listening on :8080'],
      line_count: 2,
      truncated: false,
      tail: 100,
      limit_bytes: 262_144,
      masked_count: 0,
    });
    expect(gateway.calls.find((c) => c.method === 'readPodLog')?.args[2]).toEqual({
      container: 'app',
      previous: false,
      limitBytes: 262_145,
      timestamps: false,
      tailLines: 100,
    });
  });

  it('when the log is longer than limit_bytes, then it is cut, the partial line dropped and truncated set', async () => {
    // Arrange
    const gateway = gatewayWithPod();
    gateway.logs.set(`${POD}/app`, 'line-one\nline-two\nline-three\n');
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject(`${BASE}/logs?limit_bytes=14`);

    // Assert
    expect(response.json()).toMatchObject({ lines: ['line-one'], truncated: true, limit_bytes: 14 });
  });

  it('when the log is exactly limit_bytes long, then it is not reported as truncated', async () => {
    // Arrange
    const gateway = gatewayWithPod();
    gateway.logs.set(`${POD}/app`, 'line-one\n');
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject(`${BASE}/logs?limit_bytes=9`);

    // Assert
    expect(response.json()).toMatchObject({ lines: ['line-one'], truncated: false });
  });

  it.each([
    ['tail above LOG_TAIL_MAX', 'tail=5001', /tail must be at most 5000/],
    ['limit_bytes above LOG_LIMIT_BYTES_MAX', 'limit_bytes=1048577', /limit_bytes must be at most 1048576/],
    ['tail of zero', 'tail=0', /tail/],
    ['a non-numeric tail', 'tail=ten', /tail/],
    ['an invalid container name', 'container=App_1', /invalid container name/],
  ])('when the query has %s, then 400 comes back before any Kubernetes call', async (_name, query, message) => {
    // Arrange
    const { app, gateway } = await buildTestApp({}, gatewayWithPod());

    // Act
    const response = await app.inject(`${BASE}/logs?${query}`);

    // Assert
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(message);
    expect(gateway.calls).toEqual([]);
  });

  it('when log lines carry credentials, then they are masked and counted', async () => {
    // Arrange
    const gateway = gatewayWithPod();
    gateway.logs.set(
      `${POD}/app`,
      'connecting to postgres://app:hunter2@db:5432/orders\nAuthorization: Bearer abc123\n',
    );
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject(`${BASE}/logs`);

    // Assert
    expect(response.json()).toMatchObject({
      lines: ['connecting to postgres://app:****@db:5432/orders', 'Authorization: Bearer ****'],
      masked_count: 2,
    });
  });

  it('when MASK_SECRETS is false, then lines come back as written', async () => {
    // Arrange
    const gateway = gatewayWithPod();
    gateway.logs.set(`${POD}/app`, 'password=hunter2\n');
    const { app } = await buildTestApp({ MASK_SECRETS: 'false' }, gateway);

    // Act
    const response = await app.inject(`${BASE}/logs`);

    // Assert
    expect(response.json()).toMatchObject({ lines: ['password=hunter2'], masked_count: 0 });
  });

  it('when the pod has no node yet, then 200 comes back with no lines and no log call', async () => {
    // Arrange
    const pod = runningPod();
    pod.spec = { containers: [], ...pod.spec, nodeName: undefined };
    const gateway = new FakeGateway().addPod(pod);
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject(`${BASE}/logs`);

    // Assert
    expect(response.json()).toMatchObject({ lines: [], line_count: 0, truncated: false });
    expect(gateway.calls.map((c) => c.method)).toEqual(['readPod']);
  });
});

describe('GET /api/v1/pods/{namespace}/{name}/events', () => {
  it('when events were recorded by both event APIs, then they come back newest first with series counts', async () => {
    // Arrange
    const gateway = gatewayWithPod();
    gateway.events = [
      {
        metadata: { name: 'e1' },
        involvedObject: { kind: 'Pod', name: POD, fieldPath: 'spec.containers{app}' },
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image already present on machine',
        count: 3,
        firstTimestamp: new Date('2026-12-03T16:00:00Z'),
        lastTimestamp: new Date('2026-12-03T16:05:00Z'),
        source: { component: 'kubelet', host: 'prod-worker-a' },
      },
      {
        metadata: { name: 'e2' },
        involvedObject: { kind: 'Pod', name: POD },
        type: 'Warning',
        reason: 'FailedScheduling',
        message: '0/3 nodes are available',
        eventTime: new Date('2026-12-03T15:59:00Z'),
        series: { count: 7, lastObservedTime: new Date('2026-12-03T16:10:00Z') },
        reportingComponent: 'default-scheduler',
        reportingInstance: 'default-scheduler-cp-1',
      },
      {
        metadata: { name: 'e3' },
        involvedObject: { kind: 'Pod', name: POD },
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container app',
        count: 1,
        firstTimestamp: new Date('2026-12-03T16:07:00Z'),
        lastTimestamp: new Date('2026-12-03T16:07:00Z'),
        source: { component: 'kubelet' },
      },
    ];
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject(`${BASE}/events`);

    // Assert
    const events = response.json().events;
    expect(events.map((e: { reason: string }) => e.reason)).toEqual(['FailedScheduling', 'BackOff', 'Pulled']);
    expect(events[0]).toEqual({
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/3 nodes are available',
      count: 7,
      first_seen: '2026-12-03T15:59:00Z',
      last_seen: '2026-12-03T16:10:00Z',
      source: { component: 'default-scheduler', host: 'default-scheduler-cp-1' },
      field_path: null,
      involved_kind: 'Pod',
    });
    expect(events[2]).toMatchObject({
      count: 3,
      field_path: 'spec.containers{app}',
      source: { component: 'kubelet', host: 'prod-worker-a' },
    });
    expect(gateway.calls.find((c) => c.method === 'listPodEvents')?.args).toEqual(['payments', POD, 500]);
  });
});

describe('GET /ready', () => {
  it('when pods can be listed in the agent namespace, then 200 ready, and a second probe within the cache costs no call', async () => {
    // Arrange
    const { app, gateway } = await buildTestApp();

    // Act
    const first = await app.inject('/ready');
    const second = await app.inject('/ready');

    // Assert
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'ready', checks: { kubernetes: { namespace: 'sre-orchestrator' } } });
    expect(second.statusCode).toBe(200);
    expect(gateway.calls).toEqual([{ method: 'listOnePod', args: ['sre-orchestrator'] }]);
  });

  it('when listing pods is forbidden, then 503 says what the agent lacks', async () => {
    // Arrange
    const gateway = new FakeGateway();
    gateway.failWith = () =>
      new KubeError(KubeFailure.Status, 'forbidden', {
        httpStatus: 403,
        status: {
          code: 403,
          reason: 'Forbidden',
          message:
            'pods is forbidden: User "system:serviceaccount:sre-orchestrator:agent" cannot list resource "pods" in API group "" in the namespace "sre-orchestrator"',
        },
      });
    const { app } = await buildTestApp({}, gateway);

    // Act
    const response = await app.inject('/ready');

    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      code: 503,
      reason: 'Forbidden',
      details: { verb: 'list', resource: 'pods', namespace: 'sre-orchestrator' },
    });
    expect(response.json().message).toMatch(
      /^not ready: the agent's service account may not list pods in namespace "sre-orchestrator"/,
    );
  });
});

describe('GET /openapi.json', () => {
  it('when the document is fetched, then it lists every agent route', async () => {
    // Arrange
    const { app } = await buildTestApp();

    // Act
    const response = await app.inject('/openapi.json');

    // Assert
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/ready',
        '/api/v1/pods/{namespace}/{name}',
        '/api/v1/pods/{namespace}/{name}/logs',
        '/api/v1/pods/{namespace}/{name}/events',
      ]),
    );
  });
});
