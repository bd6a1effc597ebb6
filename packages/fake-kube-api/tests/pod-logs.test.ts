import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKubeApi, startFakeKubeApi } from '../src/index.js';
import { json, rawRequest } from './raw-request.js';

const logPath = (namespace: string, pod: string, query = '') =>
  `/api/v1/namespaces/${namespace}/pods/${pod}/log${query ? `?${query}` : ''}`;

describe('pod logs', () => {
  let api: FakeKubeApi;
  let core: CoreV1Api;

  beforeAll(async () => {
    api = await startFakeKubeApi();
    const kc = new KubeConfig();
    kc.loadFromFile(api.kubeconfigPath);
    core = kc.makeApiClient(CoreV1Api);
  });
  afterAll(() => api.close());

  describe('errors worded as the apiserver and the kubelet word them', () => {
    it.each([
      {
        when: 'a multi-container pod is asked without a container',
        path: logPath('shop', 'cart-service-7c8d9e0f1-g5h6j'),
        message:
          'a container name must be specified for pod cart-service-7c8d9e0f1-g5h6j, choose one of: [app istio-proxy]',
      },
      {
        when: 'a pod with init containers and one container is asked for an unknown container',
        path: logPath('default', 'report-generator-5b6c7d8e9-a1s2d', 'container=nope'),
        message: 'container nope is not valid for pod report-generator-5b6c7d8e9-a1s2d',
      },
      {
        when: 'previous logs are asked of a container that never terminated',
        path: logPath('default', 'nginx-7d8f9c6b5-k2l3m', 'previous=true'),
        message: 'previous terminated container "nginx" in pod "nginx-7d8f9c6b5-k2l3m" not found',
      },
      {
        when: 'the image cannot be found (ImagePullBackOff)',
        path: logPath('shop', 'web-frontend-5c9d8f7b6-q7w2e'),
        message:
          'container "app" in pod "web-frontend-5c9d8f7b6-q7w2e" is waiting to start: trying and failing to pull image',
      },
      {
        when: 'the image pull just failed (ErrImagePull)',
        path: logPath('shop', 'payments-gateway-6f7d8c9b5-m4n8r'),
        message:
          'container "app" in pod "payments-gateway-6f7d8c9b5-m4n8r" is waiting to start: image can\'t be pulled',
      },
      {
        when: 'the container config cannot be built (missing Secret)',
        path: logPath('billing', 'invoice-service-7b9c8d6f5-h3j4k'),
        message:
          'container "app" in pod "invoice-service-7b9c8d6f5-h3j4k" is waiting to start: CreateContainerConfigError',
      },
      {
        when: 'the app container waits for init containers',
        path: logPath('default', 'report-generator-5b6c7d8e9-a1s2d', 'container=app'),
        message: 'container "app" in pod "report-generator-5b6c7d8e9-a1s2d" is waiting to start: PodInitializing',
      },
      {
        when: 'volumes are not mounted yet',
        path: logPath('default', 'uploads-api-7b8c9d6f5-n3m4k'),
        message: 'container "app" in pod "uploads-api-7b8c9d6f5-n3m4k" is waiting to start: ContainerCreating',
      },
    ])('when $when, then it answers 400 "$message"', async ({ path, message }) => {
      // Act
      const answer = await rawRequest(api, path);

      // Assert
      expect(answer.status).toBe(400);
      expect(json(answer)).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason: 'BadRequest',
        code: 400,
      });
    });

    it('when a multi-container pod also has init containers, then the message lists them', async () => {
      // Arrange: the oom pod has one container, so build the message from a two-container pod with init containers.
      const { findScenario } = await import('../src/index.js');
      const base = findScenario('init-container-failure');
      const twoContainers = await startFakeKubeApi({
        scenarios: [
          {
            ...base,
            build(now) {
              const fixture = base.build(now);
              fixture.pod.spec?.containers.push({ name: 'sidecar', image: 'busybox:1.37' });
              return fixture;
            },
          },
        ],
      });

      try {
        // Act
        const answer = await rawRequest(twoContainers, logPath('default', 'report-generator-5b6c7d8e9-a1s2d'));

        // Assert
        expect(json(answer)).toMatchObject({
          message:
            'a container name must be specified for pod report-generator-5b6c7d8e9-a1s2d, choose one of: [app sidecar] or one of the init containers: [wait-for-db migrate]',
        });
      } finally {
        await twoContainers.close();
      }
    });

    it('when the pod does not exist, then logs answer 404 pods not found', async () => {
      // Act
      const answer = await rawRequest(api, logPath('default', 'ghost'));

      // Assert
      expect(answer.status).toBe(404);
      expect(json(answer)).toMatchObject({ message: 'pods "ghost" not found' });
    });

    it('when tailLines is negative, then it answers 422 Invalid PodLogOptions', async () => {
      // Act
      const answer = await rawRequest(api, logPath('default', 'nginx-7d8f9c6b5-k2l3m', 'tailLines=-1'));

      // Assert
      expect(answer.status).toBe(422);
      expect(json(answer)).toMatchObject({
        reason: 'Invalid',
        message:
          'PodLogOptions "nginx-7d8f9c6b5-k2l3m" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0',
      });
    });
  });

  describe('content', () => {
    it('when an unscheduled pod is asked, then it answers 200 with an empty body', async () => {
      // Act
      const answer = await rawRequest(api, logPath('shop', 'batch-worker-84f6d7c9b-z9y8x'));

      // Assert
      expect(answer).toEqual({ status: 200, contentType: 'text/plain', body: '' });
    });

    it('when previous logs of the OOM-killed container are read with the official client, then they show the heap growing', async () => {
      // Act
      const log = await core.readNamespacedPodLog({
        name: 'checkout-api-7d9f8b6c5-x2k4p',
        namespace: 'payments',
        container: 'app',
        previous: true,
      });

      // Assert
      expect(typeof log).toBe('string');
      expect(log).toContain('heap used=245Mi');
      expect(log).toContain('postgres://checkout:s3cr3t@');
    });

    it('when a crash-looping container is asked for current logs, then the kubelet serves the last terminated instance', async () => {
      // Act
      const current = await rawRequest(api, logPath('default', 'auth-service-6b8f9c7d4-xk2lp'));
      const previous = await rawRequest(api, logPath('default', 'auth-service-6b8f9c7d4-xk2lp', 'previous=true'));

      // Assert
      expect(current.status).toBe(200);
      expect(current.body).toBe(previous.body);
      expect(current.body).toContain('JWT_ISSUER_URL must be a valid URL');
    });

    it('when a restarted container is asked, then current and previous instances differ', async () => {
      // Act
      const current = await rawRequest(api, logPath('default', 'orders-api-6c5b4a3d2-r5t6y'));
      const previous = await rawRequest(api, logPath('default', 'orders-api-6c5b4a3d2-r5t6y', 'previous=true'));

      // Assert
      expect(previous.body).toContain('status=500');
      expect(current.body).not.toContain('shutting down');
    });

    it('when tailLines is given, then only the last N lines come back', async () => {
      // Act
      const answer = await rawRequest(api, logPath('default', 'nginx-7d8f9c6b5-k2l3m', 'tailLines=3'));
      const all = await rawRequest(api, logPath('default', 'nginx-7d8f9c6b5-k2l3m'));

      // Assert
      const allLines = all.body.trimEnd().split('\n');
      expect(answer.body).toBe(`${allLines.slice(-3).join('\n')}\n`);
    });

    it('when limitBytes is given, then the body is cut at that many bytes, mid-line', async () => {
      // Act
      const answer = await rawRequest(api, logPath('default', 'nginx-7d8f9c6b5-k2l3m', 'limitBytes=100'));
      const all = await rawRequest(api, logPath('default', 'nginx-7d8f9c6b5-k2l3m'));

      // Assert
      expect(Buffer.byteLength(answer.body)).toBe(100);
      expect(all.body.startsWith(answer.body)).toBe(true);
    });

    it('when timestamps is true, then each line starts with an RFC 3339 nano timestamp and a space', async () => {
      // Act
      const answer = await rawRequest(api, logPath('default', 'nginx-7d8f9c6b5-k2l3m', 'timestamps=true&tailLines=5'));

      // Assert
      const lines = answer.body.trimEnd().split('\n');
      expect(lines).toHaveLength(5);
      for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z \S/);
    });

    it('when sinceSeconds is given, then older lines are dropped', async () => {
      // Act: the huge log spans the last hour evenly, so the last 60 s hold about 1/60 of it.
      const answer = await rawRequest(api, logPath('default', 'log-spammer-6b7c8d9f5-s4d5f', 'sinceSeconds=60'));

      // Assert
      const count = answer.body.trimEnd().split('\n').length;
      expect(count).toBeGreaterThan(900);
      expect(count).toBeLessThan(1100);
    });

    it('when the huge log is read whole, then it is several MiB; with limitBytes it is capped', async () => {
      // Act
      const whole = await rawRequest(api, logPath('default', 'log-spammer-6b7c8d9f5-s4d5f'));
      const capped = await rawRequest(api, logPath('default', 'log-spammer-6b7c8d9f5-s4d5f', 'limitBytes=65536'));

      // Assert
      expect(Buffer.byteLength(whole.body)).toBeGreaterThan(4 * 1024 * 1024);
      expect(Buffer.byteLength(capped.body)).toBe(65_536);
    });

    it('when the huge log is tailed, then exactly the last lines come back, in order', async () => {
      // Act
      const answer = await rawRequest(api, logPath('default', 'log-spammer-6b7c8d9f5-s4d5f', 'tailLines=3'));

      // Assert
      const seqs = answer.body
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { seq: number }).seq);
      expect(seqs).toEqual([59_997, 59_998, 59_999]);
    });

    it('when the start error container is asked, then it answers 200 with an empty log (runc never started it)', async () => {
      // Act
      const answer = await rawRequest(api, logPath('default', 'legacy-batch-6d7f8c9b4-t5v6w', 'previous=true'));

      // Assert
      expect(answer).toMatchObject({ status: 200, body: '' });
    });
  });
});
