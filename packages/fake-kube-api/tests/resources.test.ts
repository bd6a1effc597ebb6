import { AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKubeApi, startFakeKubeApi } from '../src/index.js';
import { json, rawRequest } from './raw-request.js';

interface Table {
  kind: string;
  columnDefinitions: Array<{ name: string }>;
  rows: Array<{ cells: unknown[] }>;
}

/** What kubectl sends to get server-side printed tables. */
const KUBECTL_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('resources', () => {
  let api: FakeKubeApi;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let batch: BatchV1Api;

  beforeAll(async () => {
    api = await startFakeKubeApi();
    const kc = new KubeConfig();
    kc.loadFromFile(api.kubeconfigPath);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    batch = kc.makeApiClient(BatchV1Api);
  });
  afterAll(() => api.close());

  describe('events', () => {
    it('when events are filtered by involvedObject name and namespace, then only that pod’s events come back', async () => {
      // Act
      const list = await core.listNamespacedEvent({
        namespace: 'payments',
        fieldSelector: 'involvedObject.name=checkout-api-7d9f8b6c5-x2k4p,involvedObject.namespace=payments',
      });

      // Assert
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((e) => e.involvedObject.name === 'checkout-api-7d9f8b6c5-x2k4p')).toBe(true);
      const backOff = list.items.find((e) => e.reason === 'BackOff');
      expect(backOff).toMatchObject({
        type: 'Warning',
        count: 24,
        source: { component: 'kubelet', host: 'prod-worker-a' },
        reportingComponent: 'kubelet',
        involvedObject: { kind: 'Pod', fieldPath: 'spec.containers{app}' },
      });
      expect(backOff?.message).toMatch(
        /^Back-off restarting failed container app in pod checkout-api-7d9f8b6c5-x2k4p_payments\([0-9a-f-]{36}\)$/,
      );
    });

    it('when events are filtered by kind and uid, then the uid matches the pod’s', async () => {
      // Arrange
      const pod = await core.readNamespacedPod({ name: 'auth-service-6b8f9c7d4-xk2lp', namespace: 'default' });

      // Act
      const list = await core.listNamespacedEvent({
        namespace: 'default',
        fieldSelector: `involvedObject.kind=Pod,involvedObject.uid=${pod.metadata?.uid}`,
      });

      // Assert
      expect(list.items.map((e) => e.reason)).toEqual(expect.arrayContaining(['Scheduled', 'BackOff', 'Started']));
    });

    it('when the scheduler’s events are read, then they carry eventTime and series, not legacy timestamps', async () => {
      // Act
      const answer = json(
        await rawRequest(
          api,
          '/api/v1/namespaces/shop/events?fieldSelector=involvedObject.name%3Dbatch-worker-84f6d7c9b-z9y8x,reason%3DFailedScheduling',
        ),
      ) as { kind: string; items: Array<Record<string, unknown>> };

      // Assert
      expect(answer.kind).toBe('EventList');
      expect(answer.items).toHaveLength(1);
      expect(answer.items[0]).toMatchObject({
        firstTimestamp: null,
        lastTimestamp: null,
        eventTime: expect.stringMatching(/\.\d{6}Z$/),
        series: { count: 23 },
        reportingComponent: 'default-scheduler',
      });
    });

    it('when a field the apiserver does not index is used, then it answers 400 field label not supported', async () => {
      // Act
      const answer = await rawRequest(api, '/api/v1/namespaces/default/events?fieldSelector=message%3Dx');

      // Assert
      expect(answer.status).toBe(400);
      expect(json(answer)).toMatchObject({ reason: 'BadRequest', message: 'field label not supported: message' });
    });

    it('when limit is given, then a continue token pages through the rest', async () => {
      // Act
      const first = await core.listNamespacedEvent({ namespace: 'default', limit: 5 });
      const second = await core.listNamespacedEvent({
        namespace: 'default',
        limit: 500,
        _continue: first.metadata?._continue,
      });
      const all = await core.listNamespacedEvent({ namespace: 'default' });

      // Assert
      expect(first.items).toHaveLength(5);
      expect(first.metadata?.remainingItemCount).toBe(all.items.length - 5);
      expect([...first.items, ...second.items].map((e) => e.metadata.name)).toEqual(
        all.items.map((e) => e.metadata.name),
      );
    });
  });

  describe('pods', () => {
    it('when pods are listed with a label selector, then only matching pods come back, with a resourceVersion', async () => {
      // Act
      const list = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=cart-service' });

      // Assert
      expect(list.metadata?.resourceVersion).toBeTruthy();
      expect(list.items.map((p) => p.metadata?.name)).toEqual(['cart-service-7c8d9e0f1-g5h6j']);
    });

    it('when pods are listed with != and limit, then both apply', async () => {
      // Act
      const list = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app!=cart-service', limit: 2 });

      // Assert
      expect(list.items).toHaveLength(2);
      expect(list.items.every((p) => p.metadata?.labels?.app !== 'cart-service')).toBe(true);
      expect(list.metadata?._continue).toBeTruthy();
    });
  });

  describe('kubectl server-side printing', () => {
    it('when pods are listed with an as=Table Accept header, then READY, STATUS and RESTARTS are printed as kubectl would', async () => {
      // Act
      const answer = json(
        await rawRequest(api, '/api/v1/namespaces/default/pods', { accept: KUBECTL_ACCEPT }),
      ) as Table;

      // Assert
      expect(answer.kind).toBe('Table');
      expect(answer.columnDefinitions.map((c) => c.name)).toEqual([
        'Name',
        'Ready',
        'Status',
        'Restarts',
        'Age',
        'IP',
        'Node',
      ]);
      const row = (name: string) => answer.rows.find((r) => r.cells[0] === name)?.cells;
      expect(row('auth-service-6b8f9c7d4-xk2lp')?.slice(1, 4)).toEqual([
        '0/1',
        'CrashLoopBackOff',
        expect.stringMatching(/^5 \(\d+s ago\)$/),
      ]);
      expect(row('report-generator-5b6c7d8e9-a1s2d')?.[2]).toBe('Init:CrashLoopBackOff');
      expect(row('postgres-0')?.slice(2, 3)).toEqual(['Pending']);
      expect(row('nginx-7d8f9c6b5-k2l3m')?.slice(1, 5)).toEqual(['1/1', 'Running', '0', '2d']);
    });
  });

  describe('owners', () => {
    it('when the pod’s owner references are followed, then Pod → ReplicaSet → Deployment resolves', async () => {
      // Arrange
      const pod = await core.readNamespacedPod({ name: 'checkout-api-7d9f8b6c5-x2k4p', namespace: 'payments' });
      const podOwner = pod.metadata?.ownerReferences?.[0];

      // Act
      const rs = await apps.readNamespacedReplicaSet({ name: podOwner?.name ?? '', namespace: 'payments' });
      const rsOwner = rs.metadata?.ownerReferences?.[0];
      const deployment = await apps.readNamespacedDeployment({ name: rsOwner?.name ?? '', namespace: 'payments' });

      // Assert
      expect(podOwner).toMatchObject({ kind: 'ReplicaSet', name: 'checkout-api-7d9f8b6c5', uid: rs.metadata?.uid });
      expect(rsOwner).toMatchObject({ kind: 'Deployment', name: 'checkout-api', uid: deployment.metadata?.uid });
      expect(deployment.spec?.replicas).toBe(3);
    });

    it('when the job pod’s owners are followed, then Pod → Job → CronJob resolves and the Job failed', async () => {
      // Arrange
      const pod = await core.readNamespacedPod({ name: 'db-migrate-28473920-abcde', namespace: 'default' });

      // Act
      const job = await batch.readNamespacedJob({
        name: pod.metadata?.ownerReferences?.[0]?.name ?? '',
        namespace: 'default',
      });
      const cron = await batch.readNamespacedCronJob({
        name: job.metadata?.ownerReferences?.[0]?.name ?? '',
        namespace: 'default',
      });

      // Assert
      expect(job.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');
      expect(cron.metadata?.name).toBe('db-migrate');
    });

    it('when the StatefulSet and DaemonSet owners are read, then they exist', async () => {
      // Act
      const sts = await apps.readNamespacedStatefulSet({ name: 'postgres', namespace: 'default' });
      const ds = await apps.readNamespacedDaemonSet({ name: 'node-exporter', namespace: 'monitoring' });

      // Assert
      expect(sts.kind).toBe('StatefulSet');
      expect(ds.kind).toBe('DaemonSet');
    });
  });

  describe('nodes and namespaces', () => {
    it('when nodes are listed, then there are three with conditions, capacity and the control-plane taint', async () => {
      // Act
      const nodes = await core.listNode();

      // Assert
      expect(nodes.items).toHaveLength(3);
      const controlPlane = nodes.items.find((n) => n.metadata?.name === 'prod-control-plane');
      expect(controlPlane?.spec?.taints).toEqual([
        { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
      ]);
      for (const node of nodes.items) {
        expect(node.status?.conditions?.map((c) => c.type)).toEqual([
          'MemoryPressure',
          'DiskPressure',
          'PIDPressure',
          'Ready',
        ]);
        expect(node.status?.allocatable?.memory).toBeTruthy();
      }
    });

    it('when the evicted pod’s node is read, then it reports MemoryPressure', async () => {
      // Arrange
      const pod = await core.readNamespacedPod({ name: 'cache-warmer-69c8d7b5f-e3r4t', namespace: 'default' });

      // Act
      const node = await core.readNode({ name: pod.spec?.nodeName ?? '' });

      // Assert
      expect(node.status?.conditions?.find((c) => c.type === 'MemoryPressure')?.status).toBe('True');
    });

    it('when an unknown node or namespace is read, then 404 names the resource', async () => {
      // Act
      const node = json(await rawRequest(api, '/api/v1/nodes/ghost'));
      const namespace = json(await rawRequest(api, '/api/v1/namespaces/ghost'));

      // Assert
      expect(node).toMatchObject({ message: 'nodes "ghost" not found', details: { name: 'ghost', kind: 'nodes' } });
      expect(namespace).toMatchObject({ message: 'namespaces "ghost" not found' });
    });

    it('when a scenario namespace is read, then it is Active', async () => {
      // Act
      const ns = await core.readNamespace({ name: 'payments' });

      // Assert
      expect(ns.status?.phase).toBe('Active');
    });
  });
});
