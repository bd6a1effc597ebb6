import { describe, expect, it } from 'vitest';
import { extractEntities, NamespaceSource, Symptom, WorkloadKind } from '../../../src/extraction/index.js';

const options = { defaultNamespace: 'default' };

interface PhrasingCase {
  description: string;
  pod: string;
  namespace: string;
}

/** Each phrasing must yield this pod and namespace; `default` means the namespace was assumed. */
const phrasings: PhrasingCase[] = [
  { description: "Pod 'auth-service-xyz' is in CrashLoopBackOff", pod: 'auth-service-xyz', namespace: 'default' },
  { description: 'Pod "auth-service-xyz" keeps restarting', pod: 'auth-service-xyz', namespace: 'default' },
  { description: 'pod auth-service-xyz is crashlooping', pod: 'auth-service-xyz', namespace: 'default' },
  { description: 'the auth-service-xyz pod is down', pod: 'auth-service-xyz', namespace: 'default' },
  { description: 'Pod \u2018auth-service-xyz\u2019 is down', pod: 'auth-service-xyz', namespace: 'default' },
  { description: 'pod named auth-service-xyz keeps dying', pod: 'auth-service-xyz', namespace: 'default' },
  {
    description: 'payments/checkout-api-7d9f8b6c5-x2k4p is OOMKilled',
    pod: 'checkout-api-7d9f8b6c5-x2k4p',
    namespace: 'payments',
  },
  { description: 'pod/web-1 -n shop', pod: 'web-1', namespace: 'shop' },
  { description: 'kubectl logs pod/web-1 --namespace=shop', pod: 'web-1', namespace: 'shop' },
  { description: 'kubectl describe pod web-1 -n shop', pod: 'web-1', namespace: 'shop' },
  { description: 'kubectl get pods -n shop shows web-1 in ImagePullBackOff', pod: 'web-1', namespace: 'shop' },
  { description: 'ran `kubectl -n shop logs web-1 -c app --previous`', pod: 'web-1', namespace: 'shop' },
  { description: 'kubectl exec -it web-1 --namespace shop -- sh fails', pod: 'web-1', namespace: 'shop' },
  { description: 'oc logs -f api-0 -n store', pod: 'api-0', namespace: 'store' },
  {
    description: 'checkout-api-7d9f8b6c5-x2k4p in namespace payments',
    pod: 'checkout-api-7d9f8b6c5-x2k4p',
    namespace: 'payments',
  },
  { description: 'web-1 in the payments namespace is failing', pod: 'web-1', namespace: 'payments' },
  {
    description: 'pod secrets-sync-7c9d8b6f5-q2w3e in namespace restricted is failing',
    pod: 'secrets-sync-7c9d8b6f5-q2w3e',
    namespace: 'restricted',
  },
  { description: 'pod web-1, ns payments', pod: 'web-1', namespace: 'payments' },
  { description: 'namespace: payments\npod: web-1', pod: 'web-1', namespace: 'payments' },
  { description: 'Pod `x` (namespace: billing) is Pending', pod: 'x', namespace: 'billing' },
  { description: 'pod:orders-api namespace:default', pod: 'orders-api', namespace: 'default' },
  { description: 'pod=orders-api namespace=prod', pod: 'orders-api', namespace: 'prod' },
  { description: 'pod="orders-api", namespace="prod"', pod: 'orders-api', namespace: 'prod' },
  {
    description:
      'rate(kube_pod_container_status_restarts_total{namespace="prod", pod="orders-api-5d8f7c9b6-abcde"}[5m])',
    pod: 'orders-api-5d8f7c9b6-abcde',
    namespace: 'prod',
  },
  {
    description: '[FIRING:1] KubePodCrashLooping (prod/orders-api-5d8f7c9b6-abcde)',
    pod: 'orders-api-5d8f7c9b6-abcde',
    namespace: 'prod',
  },
  {
    description: 'Pod prod/orders-api-5d8f7c9b6-abcde (app) is restarting 2.5 times / 10 minutes.',
    pod: 'orders-api-5d8f7c9b6-abcde',
    namespace: 'prod',
  },
  {
    description:
      'Labels:\n - alertname = KubePodCrashLooping\n - container = app\n - namespace = prod\n - pod = orders-api-5d8f7c9b6-abcde',
    pod: 'orders-api-5d8f7c9b6-abcde',
    namespace: 'prod',
  },
  { description: 'alert payload: {"pod": "x", "namespace": "y"} please look', pod: 'x', namespace: 'y' },
  { description: '{"pod_name":"web-1","namespace_name":"shop"}', pod: 'web-1', namespace: 'shop' },
  { description: 'k8s.pod.name=api-0 k8s.namespace.name=shop', pod: 'api-0', namespace: 'shop' },
  { description: 'kubernetes.pod_name: api-0, kubernetes.namespace_name: shop', pod: 'api-0', namespace: 'shop' },
  { description: '## Incident\n**Pod:** `web-1`\n**Namespace:** `shop`\n', pod: 'web-1', namespace: 'shop' },
  { description: '- pod: **web-1**\n- status: CrashLoopBackOff', pod: 'web-1', namespace: 'default' },
  { description: 'Is web-1. down?', pod: 'web-1', namespace: 'default' },
  { description: 'problem with (web-1), please check', pod: 'web-1', namespace: 'default' },
  { description: 'web-1, web-2 are failing', pod: 'web-1', namespace: 'default' },
  { description: "web-1's logs show a panic", pod: 'web-1', namespace: 'default' },
  {
    description:
      'Users see 502s. See https://grafana.example.com/d/abc?var-pod=other-1 — checkout-api-7d9f8b6c5-x2k4p restarted',
    pod: 'checkout-api-7d9f8b6c5-x2k4p',
    namespace: 'default',
  },
  { description: 'GET /api/v1/namespaces/shop/pods/web-1/log returns 500', pod: 'web-1', namespace: 'shop' },
  {
    description: 'coredns-5d78c9869d-x2k4p in kube-system is CrashLoopBackOff',
    pod: 'coredns-5d78c9869d-x2k4p',
    namespace: 'kube-system',
  },
  { description: 'FailedScheduling for pod web-0 in the "shop" namespace', pod: 'web-0', namespace: 'shop' },
  {
    description:
      'kind: Pod\nmetadata:\n  labels:\n    app.kubernetes.io/name: web\n  name: web-5d8f7c9b6-x2k4p\n  namespace: shop',
    pod: 'web-5d8f7c9b6-x2k4p',
    namespace: 'shop',
  },
  {
    description: '{"involvedObject": {"kind": "Pod", "name": "web-1", "namespace": "shop"}, "reason": "BackOff"}',
    pod: 'web-1',
    namespace: 'shop',
  },
  { description: 'Pod web-1出现崩溃', pod: 'web-1', namespace: 'default' },
  { description: 'Le pod « web-1 » redémarre en boucle', pod: 'web-1', namespace: 'default' },
  { description: 'Pod web-1 🔥 is on fire', pod: 'web-1', namespace: 'default' },
  {
    description: 'Hi team,\n\nsince 10:30 the node-exporter-x2k4p pod in monitoring namespace is NotReady.\nThanks!',
    pod: 'node-exporter-x2k4p',
    namespace: 'monitoring',
  },
  {
    description: 'redis-cluster-2 dropped out; the other shards are fine',
    pod: 'redis-cluster-2',
    namespace: 'default',
  },
  {
    description: 'prefer pod web-1 over the generated-looking api-7d9f8b6c5-x2k4p',
    pod: 'web-1',
    namespace: 'default',
  },
  {
    description: 'pod web-1 on node worker-2 of cluster eu-west-1 is evicted',
    pod: 'web-1',
    namespace: 'default',
  },
  { description: 'Pod: metrics.v2-0 is Pending', pod: 'metrics.v2-0', namespace: 'default' },
  { description: 'pod web is down', pod: 'web', namespace: 'default' },
  { description: 'pod scheduled on node-1 but web-1 never starts', pod: 'web-1', namespace: 'default' },
  { description: 'node-exporter-x2k4p is NotReady', pod: 'node-exporter-x2k4p', namespace: 'default' },
  { description: 'Successfully assigned shop/web-1 to node-1', pod: 'web-1', namespace: 'shop' },
  {
    description:
      'NAME                  READY   STATUS             RESTARTS   AGE\nweb-7d9f8b6c5-x2k4p   0/1     CrashLoopBackOff   5          3m',
    pod: 'web-7d9f8b6c5-x2k4p',
    namespace: 'default',
  },
];

describe('extractEntities', () => {
  it.each(phrasings)('when the description is $description, then the pod is $pod in $namespace', (phrasing) => {
    // Arrange
    const { description } = phrasing;

    // Act
    const result = extractEntities(description, options);

    // Assert
    expect({ pod: result.pod_name, namespace: result.namespace }).toEqual({
      pod: phrasing.pod,
      namespace: phrasing.namespace,
    });
  });

  it('when a plain word follows "pod" and a generated pod name appears elsewhere, then the generated name wins', () => {
    // Act
    const result = extractEntities('pod nginx is down; see web-7d9f8b6c5-x2k4p', options);

    // Assert
    expect(result.pod_name).toBe('web-7d9f8b6c5-x2k4p');
  });

  it('when a pasted `kubectl get pods` table lists a Running pod first, then the failing row is chosen', () => {
    // Arrange
    const description = [
      'NAME                  READY   STATUS             RESTARTS   AGE',
      'web-7d9f8b6c5-bbbbb   1/1     Running            0          3d',
      'web-7d9f8b6c5-x2k4p   0/1     CrashLoopBackOff   5          3m',
    ].join('\n');

    // Act
    const result = extractEntities(description, options);

    // Assert
    expect(result.pod_name).toBe('web-7d9f8b6c5-x2k4p');
    expect(result.symptoms).toEqual([Symptom.CrashLoopBackOff]);
  });

  it('when a pasted `kubectl get pods -A` table is given, then the failing row gives pod and namespace', () => {
    // Arrange
    const description = [
      '$ kubectl get pods -A',
      'NAMESPACE     NAME                       READY   STATUS             RESTARTS   AGE',
      'kube-system   coredns-5d78c9869d-bbbbb   1/1     Running            0          3d',
      'shop          web-7d9f8b6c5-x2k4p        0/1     CrashLoopBackOff   5          3m',
      'please help',
    ].join('\n');

    // Act
    const result = extractEntities(description, options);

    // Assert
    expect(result).toMatchObject({ pod_name: 'web-7d9f8b6c5-x2k4p', namespace: 'shop' });
  });

  it('when a better-shaped name sits on a line without a symptom, then the shape still outranks the symptom line', () => {
    // Arrange
    const description = 'checkout-api-7d9f8b6c5-x2k4p serves traffic\nweb-1 is OOMKilled';

    // Act
    const result = extractEntities(description, options);

    // Assert
    expect(result.pod_name).toBe('checkout-api-7d9f8b6c5-x2k4p');
  });

  it('when two pods are named and only the second has a symptom, then the second is chosen', () => {
    // Act
    const result = extractEntities('Pod web-1 is fine, but pod web-2 is in CrashLoopBackOff.', options);

    // Assert
    expect(result.pod_name).toBe('web-2');
  });

  it('when two pods are named and both or neither have a symptom, then the first is chosen', () => {
    // Act
    const both = extractEntities('pod web-1 is OOMKilled; pod web-2 is OOMKilled too', options);
    const neither = extractEntities('pod web-1 and pod web-2', options);

    // Assert
    expect([both.pod_name, neither.pod_name]).toEqual(['web-1', 'web-1']);
  });

  it('when a plain word after "pod" shares a clause with a symptom, then a generated pod name still wins', () => {
    // Act
    const result = extractEntities('pod nginx is CrashLoopBackOff, see web-7d9f8b6c5-x2k4p', options);

    // Assert
    expect(result.pod_name).toBe('web-7d9f8b6c5-x2k4p');
  });

  it('when an explicit label names one pod and a symptom sits next to another, then the label still wins', () => {
    // Act
    const result = extractEntities('pod=web-1\npod web-2 is CrashLoopBackOff', options);

    // Assert
    expect(result.pod_name).toBe('web-1');
  });

  it('when a common word is given as a flag or `key=` value, then it is taken as the name it must be', () => {
    // Act
    const flagged = extractEntities('kubectl logs web-1 -n security -c metrics', options);
    const labelled = extractEntities('namespace=data pod=logs container=metrics', options);

    // Assert
    expect(flagged).toMatchObject({ pod_name: 'web-1', namespace: 'security', container: 'metrics' });
    expect(labelled).toMatchObject({ pod_name: 'logs', namespace: 'data', container: 'metrics' });
  });

  it('when a common word follows `key:` as prose might, then it is not taken for a name', () => {
    // Act
    const result = extractEntities('Namespace: the one in prod. Pod: is web-1 I think', options);

    // Assert
    expect(result.namespace_source).toBe(NamespaceSource.Default);
    expect(result.pod_name).toBe('web-1');
  });

  it('when the text names no namespace, then the configured default is used and marked as assumed', () => {
    // Arrange
    const description = 'pod web-1 is crashing';

    // Act
    const result = extractEntities(description, { defaultNamespace: 'shop' });

    // Assert
    expect(result.namespace).toBe('shop');
    expect(result.namespace_source).toBe(NamespaceSource.Default);
  });

  it('when the text names the default namespace, then it counts as named in the description', () => {
    // Act
    const result = extractEntities('pod:orders-api namespace:default', { defaultNamespace: 'shop' });

    // Assert
    expect(result.namespace).toBe('default');
    expect(result.namespace_source).toBe(NamespaceSource.Description);
  });

  it('when the configured default namespace is not a DNS label, then `default` is assumed instead', () => {
    // Act
    const result = extractEntities('pod web-1 is down', { defaultNamespace: 'Not A Namespace' });

    // Assert
    expect(result.namespace).toBe('default');
  });

  it('when an explicit label and a prose mention disagree, then the explicit label wins', () => {
    // Act
    const result = extractEntities(
      'the web-1 pod, or rather pod=web-2 namespace=shop, in the staging namespace',
      options,
    );

    // Assert
    expect(result.pod_name).toBe('web-2');
    expect(result.namespace).toBe('shop');
  });

  it('when -n and a namespace/pod pair disagree, then the flag wins', () => {
    // Act
    const result = extractEntities('kubectl -n shop logs pod/web-1 (was staging/web-1 yesterday)', options);

    // Assert
    expect(result.namespace).toBe('shop');
  });

  it('when a container is named, then it is reported', () => {
    // Arrange
    const descriptions = [
      'kubectl logs web-1 -c app',
      'kubectl logs web-1 --container=app',
      'container=app pod=web-1',
      'the app container of web-1 is OOMKilled',
      'pod web-1, container app, exits 137',
      'Pod prod/web-1 (app) is in waiting state (reason: "CrashLoopBackOff").',
    ];

    // Act
    const containers = descriptions.map((description) => extractEntities(description, options).container);

    // Assert
    expect(containers).toEqual(descriptions.map(() => 'app'));
  });

  it('when no container is named, then container is null', () => {
    // Act
    const result = extractEntities('pod web-1 is down', options);

    // Assert
    expect(result.container).toBeNull();
  });

  it.each([
    { description: 'deployment/checkout-api is failing', workload: 'checkout-api', kind: WorkloadKind.Deployment },
    {
      description: 'kubectl rollout restart deploy/checkout-api',
      workload: 'checkout-api',
      kind: WorkloadKind.Deployment,
    },
    {
      description: 'the checkout-api deployment pods are crashing',
      workload: 'checkout-api',
      kind: WorkloadKind.Deployment,
    },
    { description: 'statefulset.apps/postgres in ns db', workload: 'postgres', kind: WorkloadKind.StatefulSet },
    { description: 'sts/postgres lost a replica', workload: 'postgres', kind: WorkloadKind.StatefulSet },
    { description: 'daemonset fluent-bit is not scheduling', workload: 'fluent-bit', kind: WorkloadKind.DaemonSet },
    { description: 'job_name="db-migrate" failed', workload: 'db-migrate', kind: WorkloadKind.Job },
    { description: 'cronjob/nightly-report missed its run', workload: 'nightly-report', kind: WorkloadKind.CronJob },
  ])(
    'when the description is $description, then the workload is $kind $workload',
    ({ description, workload, kind }) => {
      // Act
      const result = extractEntities(description, options);

      // Assert
      expect({ workload: result.workload, kind: result.workload_kind }).toEqual({ workload, kind });
    },
  );

  it('when only a workload is named, then no pod is guessed from it', () => {
    // Act
    const result = extractEntities('deployment/checkout-api in namespace payments is failing', options);

    // Assert
    expect(result.pod_name).toBeNull();
    expect(result.namespace).toBe('payments');
    expect(result.namespace_source).toBe(NamespaceSource.Description);
  });

  it.each([
    { description: "Pod 'web-1' is in CrashLoopBackOff", symptoms: [Symptom.CrashLoopBackOff] },
    { description: 'web-1 is crashlooping, crash loop again', symptoms: [Symptom.CrashLoopBackOff] },
    { description: 'OOMKilled, out of memory, oom', symptoms: [Symptom.OOMKilled] },
    {
      description: 'ImagePullBackOff after ErrImagePull: failed to pull image',
      symptoms: [Symptom.ImagePullBackOff, Symptom.ErrImagePull],
    },
    {
      description: 'stuck in Pending, 0/3 nodes available, FailedScheduling',
      symptoms: [Symptom.Pending, Symptom.Unschedulable],
    },
    { description: 'pod was Evicted: The node was low on resource: memory', symptoms: [Symptom.Evicted] },
    {
      description: 'CreateContainerConfigError: secret "db" not found',
      symptoms: [Symptom.CreateContainerConfigError],
    },
    { description: 'status Error, exit code 1', symptoms: [Symptom.Error] },
    { description: 'Error: something broke', symptoms: [] },
    { description: 'KubePodNotReady: pod not ready for 15 minutes', symptoms: [Symptom.NotReady] },
    { description: 'Readiness probe failed: HTTP probe failed with statuscode: 503', symptoms: [Symptom.Unhealthy] },
    { description: 'Back-off restarting failed container app in pod web-1', symptoms: [Symptom.CrashLoopBackOff] },
    { description: 'web-1 keeps restarting', symptoms: [Symptom.Restarting] },
    { description: 'pod web-1 is down', symptoms: [] },
  ])('when the description is $description, then the symptoms are $symptoms', ({ description, symptoms }) => {
    // Act
    const result = extractEntities(description, options);

    // Assert
    expect(result.symptoms).toEqual(symptoms);
  });
});

describe('extractEntities when no pod can be identified', () => {
  it.each([
    'my service is down',
    'checkout is slow since the deploy',
    'see https://grafana.example.com/d/abc/pods?var-namespace=shop&var-pod=web-1',
    'https://k8s.example.com/api/v1/namespaces/shop/pods/web-1',
    'CrashLoopBackOff',
    'crashloopbackoff oomkilled imagepullbackoff',
    'kubectl get pods',
    'kubectl get pods -n shop',
    'there are 3 pods crashing',
    'the pod is down',
    'pod is pending',
    'Pending pod: the scheduler says 0/3 nodes are available',
    'node worker-2 is NotReady',
    'image bitnami/redis:7.2 cannot be pulled, ErrImagePull',
    'PostgreSQL pod POSTGRES-0 is down',
    'my_pod is down',
    'Pod Auth-Service is down',
    'follow-up on the read-only volume, up-to-date as of today',
    'the pod security policy rejected it',
    'pod "my pod" is down',
    'pod=~"web-.*" is firing',
    'pod café-1 is failing',
    'Pod web\u20111 is down',
    'pod web\u200b-1 is down',
    'and/or the read/write path /var/log/app-1 is full',
    'send logs to ops@web-1 #web-2',
    'upgrade to utf-8 and sha-256',
    'container started then exited',
    'ip-10-0-1-23 is out of disk',
    'e-mail from the front-end team',
    'the kube-system pod is down',
    '',
  ])('when the description is %j, then pod_name is null', (description) => {
    // Act
    const result = extractEntities(description, options);

    // Assert
    expect(result.pod_name).toBeNull();
  });

  it('when neither a pod nor a namespace is named, then namespace and its source are null', () => {
    // Act
    const result = extractEntities('everything is on fire', options);

    // Assert
    expect(result).toMatchObject({ pod_name: null, namespace: null, namespace_source: null });
  });

  it('when only a namespace is named, then it is reported without a pod', () => {
    // Act
    const result = extractEntities('pods in the payments namespace are Pending', options);

    // Assert
    expect(result).toMatchObject({
      pod_name: null,
      namespace: 'payments',
      namespace_source: NamespaceSource.Description,
      symptoms: [Symptom.Pending],
    });
  });
});
