import { describe, expect, it } from 'vitest';
import { mapPodDetails, mapProbe, mapState } from '../../src/services/pod-details-mapper.js';
import { runningPod } from '../helpers/pods.js';

const chain = [
  { kind: 'ReplicaSet', name: 'checkout-api-7d9f8b6c5', api_version: 'apps/v1', uid: 'rs-uid', resolved: true },
  { kind: 'Deployment', name: 'checkout-api', api_version: 'apps/v1', uid: 'd-uid', resolved: true },
];

describe('mapPodDetails', () => {
  it('when a crash-looping pod is mapped, then phase, node, QoS, states and the controller are reported', () => {
    // Act
    const details = mapPodDetails(runningPod(), chain);

    // Assert
    expect(details).toMatchObject({
      name: 'checkout-api-7d9f8b6c5-x2k4p',
      namespace: 'payments',
      status: 'Running',
      phase: 'Running',
      node_name: 'prod-worker-a',
      pod_ips: ['10.244.1.174'],
      start_time: '2026-12-03T16:00:01Z',
      qos_class: 'Burstable',
      restart_count: 5,
      controller: { kind: 'Deployment', name: 'checkout-api' },
      resource_limits: { app: { memory: '512Mi' } },
      resource_requests: { app: { cpu: '250m', memory: '512Mi' } },
    });
    expect(details.containers[0]).toMatchObject({
      name: 'app',
      init: false,
      sidecar: false,
      restart_count: 5,
      state: { kind: 'waiting', reason: 'CrashLoopBackOff' },
      last_state: { kind: 'terminated', reason: 'OOMKilled', exit_code: 137, finished_at: '2026-12-03T16:21:30.500Z' },
    });
    expect(details.container_statuses[0]).toEqual({
      name: 'app',
      image: 'registry.example.com/payments/checkout-api:2.4.1',
      ready: false,
      restart_count: 5,
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      exit_code: null,
      init: false,
    });
    expect(details.conditions[0]).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ContainersNotReady',
      message: null,
      last_transition_time: '2026-12-03T16:10:00Z',
    });
  });

  it('when containers have env values, command, args and annotations, then none of them appears in the details', () => {
    // Act
    const serialized = JSON.stringify(mapPodDetails(runningPod(), chain));

    // Assert
    for (const secret of [
      'hunter2-inline',
      'from-command-line',
      'from-args',
      'probe-secret',
      'S3cret',
      'last-applied',
    ]) {
      expect(serialized).not.toContain(secret);
    }
  });

  it('when env vars come from values, secrets, config maps and fields, then names and sources are listed', () => {
    // Act
    const env = mapPodDetails(runningPod(), chain).containers[0]?.env;

    // Assert
    expect(env).toEqual([
      { name: 'DB_PASSWORD', source: 'value', ref_name: null, ref_key: null, optional: null },
      { name: 'API_TOKEN', source: 'secret', ref_name: 'checkout-secrets', ref_key: 'api-token', optional: null },
      { name: 'LOG_FORMAT', source: 'configmap', ref_name: 'checkout-config', ref_key: 'log-format', optional: true },
      { name: 'POD_IP', source: 'field', ref_name: null, ref_key: 'status.podIP', optional: null },
    ]);
  });

  it('when a pod has init containers, then they come first, marked, and a restartPolicy Always one is a sidecar', () => {
    // Arrange
    const pod = runningPod();
    pod.spec = {
      containers: [],
      ...pod.spec,
      initContainers: [
        { name: 'migrate', image: 'migrate:1' },
        { name: 'proxy', image: 'envoy:1', restartPolicy: 'Always' },
      ],
    };
    pod.status = {
      ...pod.status,
      initContainerStatuses: [
        {
          name: 'migrate',
          image: 'migrate:1',
          imageID: '',
          ready: false,
          restartCount: 2,
          state: { terminated: { exitCode: 0, reason: 'Completed' } },
        },
      ],
    };

    // Act
    const details = mapPodDetails(pod, []);

    // Assert
    expect(details.containers.map((c) => [c.name, c.init, c.sidecar])).toEqual([
      ['migrate', true, false],
      ['proxy', true, true],
      ['app', false, false],
    ]);
    expect(details.containers[1]?.state).toBeNull();
    expect(details.restart_count).toBe(7);
    expect(details.controller).toBeNull();
  });

  it('when a pod is not scheduled yet, then node, IPs and start time are null', () => {
    // Arrange
    const pod = runningPod();
    pod.spec = { containers: [], ...pod.spec, nodeName: undefined };
    pod.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] };

    // Act
    const details = mapPodDetails(pod, []);

    // Assert
    expect(details).toMatchObject({ phase: 'Pending', node_name: null, pod_ip: null, pod_ips: [], start_time: null });
    expect(details.containers[0]).toMatchObject({ ready: false, restart_count: 0, state: null, last_state: null });
  });
});

describe('mapProbe', () => {
  it('when an exec probe has arguments, then only the program is shown', () => {
    // Act
    const probe = mapProbe({ exec: { command: ['sh', '-c', 'pg_isready -U app --password=x'] } });

    // Assert
    expect(probe).toMatchObject({
      type: 'exec',
      handler: 'exec [sh …2 args]',
      period_seconds: 10,
      failure_threshold: 3,
    });
  });

  it('when an HTTP probe is given, then method, scheme, port and path describe it', () => {
    // Act
    const probe = mapProbe({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTPS' }, initialDelaySeconds: 5 });

    // Assert
    expect(probe).toMatchObject({ type: 'http', handler: 'GET https://:8080/healthz', initial_delay_seconds: 5 });
  });
});

describe('mapState', () => {
  it('when a container was killed by a signal, then exit code and signal are kept', () => {
    // Act
    const state = mapState({ terminated: { exitCode: 143, signal: 15, reason: 'Error' } });

    // Assert
    expect(state).toMatchObject({ kind: 'terminated', exit_code: 143, signal: 15, reason: 'Error' });
  });
});
