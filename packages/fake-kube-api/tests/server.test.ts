import { readFile } from 'node:fs/promises';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_IDENTITY, type FakeKubeApi, startFakeKubeApi } from '../src/index.js';
import { json, rawRequest } from './raw-request.js';

const OOM_POD = '/api/v1/namespaces/payments/pods/checkout-api-7d9f8b6c5-x2k4p';

describe('fake-kube-api server', () => {
  let api: FakeKubeApi;

  beforeAll(async () => {
    api = await startFakeKubeApi();
  });
  afterEach(() => api.reset());
  afterAll(() => api.close());

  describe('transport and kubeconfig', () => {
    it('when the kubeconfig is loaded by the official client, then it reads a pod over TLS with the token', async () => {
      // Arrange
      const kc = new KubeConfig();
      kc.loadFromFile(api.kubeconfigPath);
      const core = kc.makeApiClient(CoreV1Api);

      // Act
      const pod = await core.readNamespacedPod({ name: 'checkout-api-7d9f8b6c5-x2k4p', namespace: 'payments' });

      // Assert
      expect(pod.metadata?.name).toBe('checkout-api-7d9f8b6c5-x2k4p');
      expect(pod.status?.containerStatuses?.[0]?.lastState?.terminated?.reason).toBe('OOMKilled');
      expect(api.requests.at(-1)).toEqual({ method: 'GET', path: OOM_POD, query: {}, authorized: true });
    });

    it('when the kubeconfig file is read, then it names one cluster, token user and the current context fake', async () => {
      // Arrange / Act
      const config = parse(await readFile(api.kubeconfigPath, 'utf8'));

      // Assert
      expect(config['current-context']).toBe('fake');
      expect(config.contexts[0]).toEqual({
        name: 'fake',
        context: { cluster: 'fake', user: 'fake', namespace: 'default' },
      });
      expect(config.clusters[0].cluster.server).toBe(api.url);
      expect(Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(
        api.caPem,
      );
      expect(config.users[0].user.token).toBe(api.token);
      expect(api.kubeconfigYaml).toBe(await readFile(api.kubeconfigPath, 'utf8'));
    });

    it('when a request carries no token, then it is answered 401 with the apiserver Status body', async () => {
      // Act
      const answer = await rawRequest(api, OOM_POD, { token: null });

      // Assert
      expect(answer.status).toBe(401);
      expect(answer.body).toBe(
        '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}',
      );
      expect(api.requests).toEqual([{ method: 'GET', path: OOM_POD, query: {}, authorized: false }]);
    });

    it('when a request carries a wrong token, then it is answered 401', async () => {
      // Act
      const answer = await rawRequest(api, '/version', { token: 'not-the-token' });

      // Assert
      expect(answer.status).toBe(401);
      expect(json(answer)).toMatchObject({ reason: 'Unauthorized', code: 401 });
    });

    it('when the CA is not trusted, then the TLS handshake fails', async () => {
      // Arrange
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: 'c', server: api.url, skipTLSVerify: false }],
        users: [{ name: 'u', token: api.token }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      });

      // Act / Assert
      await expect(kc.makeApiClient(CoreV1Api).listNamespace()).rejects.toThrow();
    });
  });

  describe('paths and methods', () => {
    it('when a pod does not exist, then the 404 body is word for word the apiserver one', async () => {
      // Act
      const answer = await rawRequest(api, '/api/v1/namespaces/payments/pods/ghost-1');

      // Assert
      expect(answer.status).toBe(404);
      expect(answer.body).toBe(
        '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"ghost-1\\" not found","reason":"NotFound","details":{"name":"ghost-1","kind":"pods"},"code":404}',
      );
    });

    it('when the namespace does not exist, then a pod in it is still "pods not found"', async () => {
      // Act
      const answer = await rawRequest(api, '/api/v1/namespaces/nowhere/pods/checkout-api-7d9f8b6c5-x2k4p');

      // Assert
      expect(answer.status).toBe(404);
      expect(json(answer)).toMatchObject({ message: 'pods "checkout-api-7d9f8b6c5-x2k4p" not found' });
    });

    it('when an apps object does not exist, then the message and details name the group', async () => {
      // Act
      const answer = await rawRequest(api, '/apis/apps/v1/namespaces/payments/replicasets/x');

      // Assert
      expect(json(answer)).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'replicasets.apps "x" not found',
        reason: 'NotFound',
        details: { name: 'x', group: 'apps', kind: 'replicasets' },
        code: 404,
      });
    });

    it('when the path is unknown, then it is answered 404 "the server could not find the requested resource"', async () => {
      // Act
      const answer = await rawRequest(api, '/api/v1/namespaces/default/secrets/x');

      // Assert
      expect(answer.status).toBe(404);
      expect(json(answer)).toMatchObject({
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        code: 404,
      });
    });

    it('when a write is attempted, then it is answered 405 MethodNotAllowed', async () => {
      // Act
      const answer = await rawRequest(api, OOM_POD, { method: 'DELETE' });

      // Assert
      expect(answer.status).toBe(405);
      expect(json(answer)).toMatchObject({ reason: 'MethodNotAllowed', code: 405 });
    });

    it('when discovery is asked, then /version, /api and /apis describe the served groups', async () => {
      // Act
      const [version, core, groups] = await Promise.all(
        ['/version', '/api', '/apis'].map(async (p) => json(await rawRequest(api, p))),
      );

      // Assert
      expect(version).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\./) });
      expect(core).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
      expect((groups as { groups: Array<{ name: string }> }).groups.map((g) => g.name)).toEqual(['apps', 'batch']);
    });
  });

  describe('forbid', () => {
    it('when get pods/log is forbidden in a namespace, then logs answer 403 worded like the apiserver and pods still read', async () => {
      // Arrange
      api.forbid('get', 'pods/log', 'payments');

      // Act
      const logs = await rawRequest(api, `${OOM_POD}/log?previous=true`);
      const pod = await rawRequest(api, OOM_POD);

      // Assert
      expect(logs.status).toBe(403);
      expect(json(logs)).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `pods "checkout-api-7d9f8b6c5-x2k4p" is forbidden: User "${DEFAULT_IDENTITY}" cannot get resource "pods/log" in API group "" in the namespace "payments"`,
        reason: 'Forbidden',
        details: { name: 'checkout-api-7d9f8b6c5-x2k4p', kind: 'pods' },
        code: 403,
      });
      expect(pod.status).toBe(200);
    });

    it('when list pods is forbidden everywhere, then a list answers 403 without a name', async () => {
      // Arrange
      api.forbid('list', 'pods', '*');

      // Act
      const answer = await rawRequest(api, '/api/v1/namespaces/shop/pods');

      // Assert
      expect(json(answer)).toMatchObject({
        message: `pods is forbidden: User "${DEFAULT_IDENTITY}" cannot list resource "pods" in API group "" in the namespace "shop"`,
        details: { kind: 'pods' },
        code: 403,
      });
    });

    it('when get deployments is forbidden, then the 403 names group apps', async () => {
      // Arrange
      api.forbid('get', 'deployments');

      // Act
      const answer = await rawRequest(api, '/apis/apps/v1/namespaces/payments/deployments/checkout-api');

      // Assert
      expect(json(answer)).toMatchObject({
        message: `deployments.apps "checkout-api" is forbidden: User "${DEFAULT_IDENTITY}" cannot get resource "deployments" in API group "apps" in the namespace "payments"`,
        details: { name: 'checkout-api', group: 'apps', kind: 'deployments' },
      });
    });

    it('when anything in namespace restricted is read, then it is forbidden even after reset', async () => {
      // Arrange
      api.reset();

      // Act
      const answer = await rawRequest(api, '/api/v1/namespaces/restricted/pods/secrets-sync-7c9d8b6f5-q2w3e');

      // Assert
      expect(answer.status).toBe(403);
      expect(json(answer)).toMatchObject({ reason: 'Forbidden' });
    });

    it('when reset is called, then forbid rules and recorded requests are cleared', async () => {
      // Arrange
      api.forbid('*', '*');
      await rawRequest(api, OOM_POD);

      // Act
      api.reset();
      const answer = await rawRequest(api, OOM_POD);

      // Assert
      expect(answer.status).toBe(200);
      expect(api.requests).toHaveLength(1);
    });
  });

  describe('rawResponse', () => {
    it('when a prefix is given a raw answer, then matching paths get that status, body and content type', async () => {
      // Arrange
      api.rawResponse('/api/v1/namespaces/payments', 502, '<html><body>502 Bad Gateway</body></html>');

      // Act
      const hit = await rawRequest(api, OOM_POD);
      const miss = await rawRequest(api, '/api/v1/namespaces/shop/pods');

      // Assert
      expect(hit).toEqual({ status: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' });
      expect(miss.status).toBe(200);
    });

    it('when the official client meets a raw 502, then it throws with the status code rather than hanging', async () => {
      // Arrange
      api.rawResponse('/api/v1/namespaces/payments/pods', 502, 'upstream connect error', 'text/plain');
      const kc = new KubeConfig();
      kc.loadFromString(api.kubeconfigYaml);

      // Act
      const call = kc.makeApiClient(CoreV1Api).readNamespacedPod({ name: 'x', namespace: 'payments' });

      // Assert
      await expect(call).rejects.toMatchObject({ code: 502 });
    });
  });

  describe('latency', () => {
    it('when latency is set, then answers wait at least that long', async () => {
      // Arrange
      api.setLatency(150);
      const started = performance.now();

      // Act
      const answer = await rawRequest(api, '/version');

      // Assert
      expect(answer.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('when a client gives up during the delay, then the server keeps serving others', async () => {
      // Arrange
      api.setLatency(300);
      const controller = new AbortController();
      const abandoned = rawRequest(api, '/version', { signal: controller.signal });
      setTimeout(() => controller.abort(), 30);

      // Act
      await expect(abandoned).rejects.toThrow();
      api.setLatency(0);
      const answer = await rawRequest(api, '/version');

      // Assert
      expect(answer.status).toBe(200);
    });
  });
});

describe('fake-kube-api lifecycle', () => {
  it('when closed with a slow request in flight, then close resolves promptly and the request fails', async () => {
    // Arrange
    const api = await startFakeKubeApi({ latencyMs: 10_000 });
    const inFlight = rawRequest(api, '/version');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();

    // Act
    await api.close();

    // Assert
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(inFlight).rejects.toThrow();
  });

  it('when a fixed token and scenario subset are given, then only those scenarios exist', async () => {
    // Arrange
    const { findScenario } = await import('../src/index.js');
    const api = await startFakeKubeApi({ token: 'fixed-token', scenarios: [findScenario('healthy')] });

    try {
      // Act
      const pods = json(await rawRequest(api, '/api/v1/namespaces/payments/pods')) as { items: unknown[] };
      const healthy = await rawRequest(api, '/api/v1/namespaces/default/pods/nginx-7d8f9c6b5-k2l3m');

      // Assert
      expect(api.token).toBe('fixed-token');
      expect(pods.items).toHaveLength(0);
      expect(healthy.status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
