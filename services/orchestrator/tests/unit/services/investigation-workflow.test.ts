import { describe, expect, it } from 'vitest';
import { KnowledgeGraph } from '../../../src/knowledge-graph/index.js';
import { NO_POD_FINDING, SHUTDOWN_REASON } from '../../../src/services/incident-service.js';
import { InMemoryIncidentRepository } from '../../../src/store/in-memory-incident-repository.js';
import { container, containerState, podDetails, podEvents, podLogs } from '../../helpers/agent-answers.js';
import { AGENT_URL, buildTestApp, report, waitForFinished } from '../../helpers/build-test-app.js';
import { fakeAgent, notFound } from '../../helpers/fake-agent.js';

const NS = 'payments';
const POD = 'checkout-api-7d9f8b6c5-x2k4p';

describe('investigation workflow', () => {
  it('when a container restarted after an OOM kill, then details, events, current and previous logs are collected', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    const app0 = container({
      name: 'app',
      ready: false,
      restart_count: 4,
      state: containerState({ kind: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 2m40s' }),
      last_state: containerState({ kind: 'terminated', reason: 'OOMKilled', exit_code: 137 }),
    });
    const agent = fakeAgent(mockAgent, {
      details: { status: 200, body: podDetails({ name: POD, namespace: NS }, [app0]) },
      events: { status: 200, body: podEvents(NS, POD, [{ reason: 'BackOff', count: 12 }]) },
      logs: { status: 200, body: podLogs(NS, POD, 'app', ['starting'], { container_selection: 'failing' }) },
      'logs:app:previous': {
        status: 200,
        body: podLogs(NS, POD, 'app', ['java.lang.OutOfMemoryError: Java heap space'], { previous: true }),
      },
    });

    // Act
    const id = await report(app, `Pod '${POD}' in namespace ${NS} keeps getting OOMKilled`);
    const incident = await waitForFinished(app, id);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.error).toBeNull();
    expect(incident.extracted_entities).toMatchObject({ pod_name: POD, namespace: NS });
    expect(incident.evidence.pod_details?.name).toBe(POD);
    expect(incident.evidence.pod_events?.events[0]?.reason).toBe('BackOff');
    expect(incident.evidence.pod_logs?.app?.current?.lines).toEqual(['starting']);
    expect(incident.evidence.pod_logs?.app?.previous?.lines).toEqual(['java.lang.OutOfMemoryError: Java heap space']);
    expect(incident.evidence.errors).toEqual([]);
    expect(incident.evidence.collected_at).toEqual(expect.any(String));
    expect(agent.calls.map((c) => c.path)).toEqual(
      expect.arrayContaining([`/api/v1/pods/${NS}/${POD}`, `/api/v1/pods/${NS}/${POD}/events`]),
    );
    const previousCall = agent.calls.find((c) => c.query.get('previous') === 'true');
    expect(previousCall?.query.get('container')).toBe('app');
    expect(previousCall?.query.get('tail')).toBe('200');
    expect(previousCall?.query.get('limit_bytes')).toBe('32768');
    expect(new Set(agent.calls.map((c) => c.requestId)).size).toBe(1);
    expect(agent.calls[0]?.requestId).toEqual(expect.any(String));
  });

  it('when the pod does not exist, then the incident completes with a not-found finding', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    fakeAgent(mockAgent, {
      details: notFound('web-1'),
      events: { status: 200, body: podEvents('shop', 'web-1') },
      logs: notFound('web-1'),
    });

    // Act
    const id = await report(app, 'pod web-1 in namespace shop is crashing');
    const incident = await waitForFinished(app, id);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.error).toBeNull();
    expect(incident.evidence.finding).toBe('pod web-1 not found in namespace shop');
    expect(incident.evidence.errors).toEqual([
      { source: 'pod_details', code: 404, kind: 'not_found', message: 'pods "web-1" not found' },
    ]);
    expect(incident.evidence.pod_details).toBeUndefined();
  });

  it('when events and logs fail but details arrive, then the failures are recorded and the incident completes', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    fakeAgent(mockAgent, {
      details: { status: 200, body: podDetails({ name: 'web-1', namespace: 'shop' }) },
      events: { status: 503, body: { code: 503, message: 'Kubernetes API unreachable', reason: 'ServiceUnavailable' } },
      logs: {
        status: 400,
        body: { code: 400, message: 'container "app" in pod "web-1" is waiting to start: ContainerCreating' },
      },
    });

    // Act
    const id = await report(app, 'pod web-1 in namespace shop is not ready');
    const incident = await waitForFinished(app, id);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.evidence.pod_details?.name).toBe('web-1');
    expect(incident.evidence.errors).toEqual(
      expect.arrayContaining([
        { source: 'pod_events', code: 503, kind: 'unavailable', message: 'Kubernetes API unreachable' },
        {
          source: 'pod_logs',
          code: 400,
          kind: 'bad_request',
          message: 'container "app" in pod "web-1" is waiting to start: ContainerCreating',
        },
      ]),
    );
  });

  it('when the agent cannot be reached at all, then the incident fails explaining so', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    fakeAgent(mockAgent, {
      details: 'connection-refused',
      events: 'connection-refused',
      logs: 'connection-refused',
    });

    // Act
    const id = await report(app, 'pod web-1 in namespace shop is crashing');
    const incident = await waitForFinished(app, id);

    // Assert
    expect(incident.status).toBe('failed');
    expect(incident.error).toMatch(/^k8s-agent unreachable, no evidence collected: k8s-agent at .* is unreachable/);
    expect(incident.evidence.errors).toHaveLength(3);
    expect(incident.completed_at).toEqual(expect.any(String));
  });

  it('when no pod can be identified, then the incident completes saying so without calling the agent', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    const agent = fakeAgent(mockAgent, {});

    // Act
    const id = await report(app, 'the checkout page is slow since this morning');
    const incident = await waitForFinished(app, id);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.extracted_entities?.pod_name).toBeNull();
    expect(incident.evidence.finding).toBe(NO_POD_FINDING);
    expect(agent.calls).toEqual([]);
  });

  it('when the investigation outlives its deadline, then it fails with the reason and keeps what arrived', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp({
      INVESTIGATION_TIMEOUT_MS: '200',
      AGENT_REQUEST_TIMEOUT_MS: '5000',
    });
    const pool = mockAgent.get(AGENT_URL);
    pool
      .intercept({ path: `/api/v1/pods/shop/web-1`, method: 'GET' })
      .reply(200, podDetails({ name: 'web-1', namespace: 'shop' }))
      .delay(3_000);
    pool.intercept({ path: `/api/v1/pods/shop/web-1/events`, method: 'GET' }).reply(200, podEvents('shop', 'web-1'));
    pool
      .intercept({ path: (p) => p.startsWith('/api/v1/pods/shop/web-1/logs'), method: 'GET' })
      .reply(200, podLogs('shop', 'web-1', 'app', []))
      .delay(3_000);

    // Act
    const started = Date.now();
    const id = await report(app, 'pod web-1 in namespace shop is crashing');
    const incident = await waitForFinished(app, id);

    // Assert
    expect(incident.status).toBe('failed');
    expect(incident.error).toBe('investigation did not finish within 200 ms');
    expect(incident.evidence.pod_events?.pod).toBe('web-1');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('when a sidecar restarts next to a healthy app container, then both get current logs and the sidecar its previous ones', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    const containers = [
      container({ name: 'app' }),
      container({
        name: 'envoy',
        restart_count: 2,
        last_state: containerState({ kind: 'terminated', reason: 'Error', exit_code: 1 }),
      }),
    ];
    const agent = fakeAgent(mockAgent, {
      details: { status: 200, body: podDetails({ name: 'web-1', namespace: 'shop' }, containers) },
      events: { status: 200, body: podEvents('shop', 'web-1') },
      logs: {
        status: 200,
        body: podLogs('shop', 'web-1', 'app', ['GET /healthz 200'], { container_selection: 'first' }),
      },
      'logs:envoy': { status: 200, body: podLogs('shop', 'web-1', 'envoy', ['starting envoy']) },
      'logs:envoy:previous': {
        status: 200,
        body: podLogs('shop', 'web-1', 'envoy', ['upstream connect error: connection refused'], { previous: true }),
      },
    });

    // Act
    const id = await report(app, 'pod web-1 in namespace shop keeps restarting');
    const incident = await waitForFinished(app, id);

    // Assert
    expect(incident.status).toBe('completed');
    expect(Object.keys(incident.evidence.pod_logs ?? {}).sort()).toEqual(['app', 'envoy']);
    expect(incident.evidence.pod_logs?.envoy?.previous?.lines).toEqual(['upstream connect error: connection refused']);
    expect(incident.evidence.pod_logs?.app?.previous).toBeUndefined();
    expect(agent.calls.filter((c) => c.path.endsWith('/logs'))).toHaveLength(3);
  });

  it('when an init container failed, then its logs are collected', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    const containers = [
      container({
        name: 'migrate',
        init: true,
        ready: false,
        state: containerState({ kind: 'terminated', reason: 'Error', exit_code: 1 }),
      }),
      container({
        name: 'app',
        ready: false,
        started: false,
        state: containerState({ kind: 'waiting', reason: 'PodInitializing' }),
      }),
    ];
    fakeAgent(mockAgent, {
      details: { status: 200, body: podDetails({ name: 'web-1', namespace: 'shop', phase: 'Pending' }, containers) },
      events: { status: 200, body: podEvents('shop', 'web-1') },
      logs: {
        status: 400,
        body: { code: 400, message: 'container "app" in pod "web-1" is waiting to start: PodInitializing' },
      },
      'logs:migrate': {
        status: 200,
        body: podLogs('shop', 'web-1', 'migrate', ['FATAL: relation "users" does not exist']),
      },
    });

    // Act
    const id = await report(app, 'pod web-1 in namespace shop is stuck in Init:Error');
    const incident = await waitForFinished(app, id);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.evidence.pod_logs?.migrate?.current?.lines).toEqual(['FATAL: relation "users" does not exist']);
    expect(incident.evidence.errors?.map((e) => e.source)).toEqual(['pod_logs']);
  });

  it('when the app closes while investigations run or wait, then they are marked failed with the shutdown reason', async () => {
    // Arrange
    const store = new InMemoryIncidentRepository(100);
    const { app, mockAgent } = await buildTestApp(
      { INVESTIGATION_CONCURRENCY: '1', INVESTIGATION_QUEUE_MAX: '5', SHUTDOWN_GRACE_MS: '50' },
      { store },
    );
    mockAgent
      .get(AGENT_URL)
      .intercept({ path: () => true, method: 'GET' })
      .reply(200, {})
      .delay(5_000)
      .persist();
    const running = await report(app, 'pod web-1 in namespace shop is crashing');
    const queued = await report(app, 'pod web-2 in namespace shop is crashing');

    // Act
    await app.close();

    // Assert
    for (const id of [running, queued]) {
      const incident = await store.get(id);
      expect(incident?.status).toBe('failed');
      expect(incident?.error).toBe(SHUTDOWN_REASON);
    }
  });

  it('when the diagnosis engine throws, then the incident completes with its evidence, no diagnosis and a warning', async () => {
    // Arrange
    class BrokenGraph extends KnowledgeGraph {
      override componentForPod(): never {
        throw new Error('graph index corrupted');
      }
    }
    const { app, mockAgent, logs } = await buildTestApp({}, { graph: new BrokenGraph([], 'broken.yaml') });
    fakeAgent(mockAgent, {
      details: { status: 200, body: podDetails({ name: 'web-1', namespace: 'shop' }) },
      events: { status: 200, body: podEvents('shop', 'web-1') },
      logs: { status: 200, body: podLogs('shop', 'web-1', 'app', ['ok']) },
    });

    // Act
    const id = await report(app, 'pod web-1 in namespace shop is crashing');
    const incident = await waitForFinished(app, id);

    // Assert
    expect(incident.status).toBe('completed');
    expect(incident.evidence.pod_details?.name).toBe('web-1');
    expect(incident).toMatchObject({
      diagnosis: null,
      suggested_root_cause: null,
      confidence_score: null,
      error: null,
    });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 40, msg: 'diagnosis engine failed; incident completed without a diagnosis' }),
    );
  });

  it('when an incident is created, then the raw description is not logged at info level', async () => {
    // Arrange
    const { app, mockAgent, logs } = await buildTestApp();
    fakeAgent(mockAgent, { details: notFound('web-1'), events: notFound('web-1'), logs: notFound('web-1') });
    const description = 'pod web-1 in namespace shop is crashing; db password is hunter2';

    // Act
    const id = await report(app, description);
    await waitForFinished(app, id);

    // Assert
    expect(logs.some((l) => l.msg === 'incident created' && l.description_length === description.length)).toBe(true);
    expect(JSON.stringify(logs)).not.toContain('hunter2');
  });
});
