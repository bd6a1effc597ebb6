import { beforeAll, expect, it } from 'vitest';
import { describeWithHelm } from './chart-suite.js';
import { type KubeObject, renderChart } from './helm-cli.js';
import { type Container, envOf, mebibytes, millicores, named, ofKind, podSpecOf, workloadsOf } from './objects.js';

const budget = { millicores: 500, mebibytes: 512 };

function containersOf(object: KubeObject): Container[] {
  const spec = podSpecOf(object);
  return [...(spec.initContainers ?? []), ...spec.containers];
}

describeWithHelm('workloads', (helmBin) => {
  let objects: KubeObject[];
  beforeAll(() => {
    objects = renderChart(helmBin);
  });

  it('when rendered with defaults, then there are two Deployments and the helm test Pod', () => {
    const workloads = workloadsOf(objects).map((object) => `${object.kind}/${object.metadata.name}`);

    expect(workloads.sort()).toEqual([
      'Deployment/sre-orchestrator-k8s-agent',
      'Deployment/sre-orchestrator-orchestrator',
      'Pod/sre-orchestrator-health-test',
    ]);
    expect(named(objects, 'Pod', 'sre-orchestrator-health-test').metadata.annotations?.['helm.sh/hook']).toBe('test');
  });

  it('when rendered with defaults, then every Pod and container runs restricted, non-root and read-only', () => {
    for (const workload of workloadsOf(objects)) {
      const spec = podSpecOf(workload);
      expect(spec.securityContext, workload.metadata.name).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const container of containersOf(workload)) {
        expect(container.securityContext, container.name).toEqual({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        // A read-only root still needs somewhere for temporary files.
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        expect(spec.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir, container.name).toBeDefined();
      }
    }
  });

  it('when rendered with defaults, then every container has CPU and memory requests and limits', () => {
    for (const workload of workloadsOf(objects)) {
      for (const container of containersOf(workload)) {
        expect(Object.keys(container.resources?.requests ?? {}).sort(), container.name).toEqual(['cpu', 'memory']);
        expect(Object.keys(container.resources?.limits ?? {}).sort(), container.name).toEqual(['cpu', 'memory']);
      }
    }
  });

  it('when rendered with defaults, then both services together are limited to 0.5 vCPU and 512 MiB', () => {
    let cpu = 0;
    let memory = 0;
    for (const deployment of ofKind(objects, 'Deployment')) {
      const replicas = (deployment.spec as { replicas: number }).replicas;
      for (const container of containersOf(deployment)) {
        cpu += replicas * millicores(container.resources?.limits?.cpu ?? Number.POSITIVE_INFINITY);
        memory += replicas * mebibytes(container.resources?.limits?.memory ?? Number.POSITIVE_INFINITY);
      }
    }

    expect(cpu).toBeLessThanOrEqual(budget.millicores);
    expect(memory).toBeLessThanOrEqual(budget.mebibytes);
  });

  it('when rendered with defaults, then the Node.js heap cap sits below each memory limit', () => {
    for (const deployment of ofKind(objects, 'Deployment')) {
      for (const container of containersOf(deployment)) {
        const heap = /--max-old-space-size=(\d+)/.exec(envOf(container).NODE_OPTIONS ?? '');
        const limit = mebibytes(container.resources?.limits?.memory ?? '0');
        expect(heap, container.name).not.toBeNull();
        expect(Number(heap?.[1])).toBeGreaterThanOrEqual(limit * 0.5);
        expect(Number(heap?.[1])).toBeLessThanOrEqual(limit * 0.8);
      }
    }
  });

  it('when the memory limit is 1Gi, then the heap cap follows it', () => {
    const rendered = renderChart(helmBin, {
      values: [{ orchestrator: { resources: { limits: { cpu: '250m', memory: '1Gi' } } } }],
    });

    const orchestrator = podSpecOf(named(rendered, 'Deployment', 'sre-orchestrator-orchestrator')).containers[0];

    expect(envOf(orchestrator as Container).NODE_OPTIONS).toBe('--max-old-space-size=768');
  });

  it('when rendered with defaults, then each service gets up to a minute to start before liveness applies', () => {
    for (const deployment of ofKind(objects, 'Deployment')) {
      const container = podSpecOf(deployment).containers[0];
      const startup = container?.startupProbe;

      expect(startup?.httpGet, deployment.metadata.name).toEqual({ path: '/health', port: 'http' });
      expect((startup?.periodSeconds ?? 10) * (startup?.failureThreshold ?? 3)).toBeGreaterThanOrEqual(60);
    }
  });

  it('when rendered with defaults, then the agent is live on /health and ready on /ready', () => {
    const agent = podSpecOf(named(objects, 'Deployment', 'sre-orchestrator-k8s-agent')).containers[0];

    expect(agent?.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(agent?.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'http' });
  });

  it('when rendered with defaults, then the orchestrator is live on /health and ready on /ready', () => {
    const orchestrator = podSpecOf(named(objects, 'Deployment', 'sre-orchestrator-orchestrator')).containers[0];

    expect(orchestrator?.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(orchestrator?.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'http' });
  });

  it('when rendered with defaults, then every object carries the standard labels', () => {
    for (const object of objects) {
      expect(object.metadata.labels, `${object.kind}/${object.metadata.name}`).toMatchObject({
        'app.kubernetes.io/name': 'sre-orchestrator',
        'app.kubernetes.io/instance': 'sre-orchestrator',
        'app.kubernetes.io/version': '0.1.0',
        'app.kubernetes.io/managed-by': 'Helm',
        'helm.sh/chart': 'sre-orchestrator-0.1.0',
        'app.kubernetes.io/component': expect.stringMatching(/^(orchestrator|k8s-agent|test)$/),
      });
    }
  });

  it('when no tag is given, then the images default to the chart appVersion', () => {
    const images = ofKind(objects, 'Deployment').flatMap((deployment) => containersOf(deployment).map((c) => c.image));

    expect(images.sort()).toEqual(['sre-orchestrator/k8s-agent:0.1.0', 'sre-orchestrator/orchestrator:0.1.0']);
  });

  it('when a registry and tag are given, then the image references use them', () => {
    const rendered = renderChart(helmBin, {
      values: [{ imageRegistry: 'ghcr.io/acme/', k8sAgent: { image: { tag: '1.2.3' } } }],
    });

    const agent = podSpecOf(named(rendered, 'Deployment', 'sre-orchestrator-k8s-agent')).containers[0];

    expect(agent?.image).toBe('ghcr.io/acme/sre-orchestrator/k8s-agent:1.2.3');
  });
});

describeWithHelm('orchestrator to agent wiring', (helmBin) => {
  it.each([
    { releaseName: 'sre-orchestrator', namespace: 'default', service: 'sre-orchestrator-k8s-agent' },
    { releaseName: 'triage', namespace: 'platform-tools', service: 'triage-sre-orchestrator-k8s-agent' },
  ])(
    'when released as $releaseName in $namespace, then K8S_AGENT_BASE_URL is the agent Service DNS name and port',
    ({ releaseName, namespace, service }) => {
      const objects = renderChart(helmBin, { releaseName, namespace });

      const agentService = named(objects, 'Service', service);
      const port = (agentService.spec as { ports: { port: number }[] }).ports[0]?.port;
      const orchestrator = ofKind(objects, 'Deployment').find((d) => d.metadata.name.endsWith('-orchestrator'));
      const env = envOf(podSpecOf(orchestrator as KubeObject).containers[0] as Container);

      expect(agentService.metadata.namespace).toBe(namespace);
      expect(env.K8S_AGENT_BASE_URL).toBe(`http://${service}.${namespace}.svc.cluster.local:${port}`);
    },
  );

  it('when the cluster DNS domain is not cluster.local, then the URL uses it', () => {
    const objects = renderChart(helmBin, { values: [{ clusterDomain: 'corp.internal' }] });

    const orchestrator = podSpecOf(named(objects, 'Deployment', 'sre-orchestrator-orchestrator')).containers[0];

    expect(envOf(orchestrator as Container).K8S_AGENT_BASE_URL).toBe(
      'http://sre-orchestrator-k8s-agent.default.svc.corp.internal:80',
    );
  });

  it('when the agent Service port changes, then the URL follows it', () => {
    const objects = renderChart(helmBin, { values: [{ k8sAgent: { service: { type: 'ClusterIP', port: 9000 } } }] });

    const orchestrator = podSpecOf(named(objects, 'Deployment', 'sre-orchestrator-orchestrator')).containers[0];

    expect(envOf(orchestrator as Container).K8S_AGENT_BASE_URL).toBe(
      'http://sre-orchestrator-k8s-agent.default.svc.cluster.local:9000',
    );
  });

  it('when the agent Service selects Pods, then it selects the agent Deployment Pods and only those', () => {
    const objects = renderChart(helmBin);

    const selector = (named(objects, 'Service', 'sre-orchestrator-k8s-agent').spec as { selector: object }).selector;
    const matches = ofKind(objects, 'Deployment').filter((deployment) => {
      const labels = (deployment.spec as { template: { metadata: { labels: Record<string, string> } } }).template
        .metadata.labels;
      return Object.entries(selector).every(([key, value]) => labels[key] === value);
    });

    expect(matches.map((deployment) => deployment.metadata.name)).toEqual(['sre-orchestrator-k8s-agent']);
  });

  it('when extraEnv sets a variable the chart also sets, then it appears once, with the user value', () => {
    const objects = renderChart(helmBin, {
      values: [
        {
          orchestrator: {
            extraEnv: [
              { name: 'LOG_LEVEL', value: 'debug' },
              { name: 'EXTRA', value: 'x' },
            ],
          },
        },
      ],
    });

    const container = podSpecOf(named(objects, 'Deployment', 'sre-orchestrator-orchestrator')).containers[0];
    const names = (container?.env ?? []).map((variable) => variable.name);

    expect(names.filter((name) => name === 'LOG_LEVEL')).toHaveLength(1);
    expect(envOf(container as Container)).toMatchObject({ LOG_LEVEL: 'debug', EXTRA: 'x' });
  });
});
