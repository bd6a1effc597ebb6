import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AgentBadRequestError,
  AgentForbiddenError,
  AgentNotFoundError,
  AgentProtocolError,
  AgentTimeoutError,
  AgentUnavailableError,
} from '../../../src/services/agent-errors.js';
import { K8sAgentClient } from '../../../src/services/k8s-agent-client.js';
import { podDetails, podEvents, podLogs } from '../../helpers/agent-answers.js';

const BASE = 'http://agent.test';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const POD_PATH = '/api/v1/pods/payments/checkout-api-7d9f8b6c5-x2k4p';

describe('K8sAgentClient', () => {
  let mockAgent: MockAgent;
  let client: K8sAgentClient;

  beforeEach(() => {
    mockAgent = new MockAgent();
    mockAgent.disableNetConnect();
    client = new K8sAgentClient(BASE, { dispatcher: mockAgent, timeoutMs: 2_000, maxRetries: 2, backoffBaseMs: 1 });
  });

  afterEach(async () => {
    await mockAgent.close();
  });

  it('when the agent answers pod details, then they are returned as sent', async () => {
    // Arrange
    const details = podDetails({ name: 'checkout-api-7d9f8b6c5-x2k4p', namespace: 'payments' });
    mockAgent.get(BASE).intercept({ path: POD_PATH, method: 'GET' }).reply(200, details, JSON_HEADERS);

    // Act
    const answer = await client.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p');

    // Assert
    expect(answer).toEqual(details);
  });

  it('when logs are asked for with options, then they travel as the agent query string', async () => {
    // Arrange
    const logs = podLogs('payments', 'checkout-api-7d9f8b6c5-x2k4p', 'app', ['boom'], { previous: true });
    mockAgent
      .get(BASE)
      .intercept({
        path: `${POD_PATH}/logs`,
        method: 'GET',
        query: { container: 'app', tail: '50', previous: 'true', limit_bytes: '4096' },
      })
      .reply(200, logs, JSON_HEADERS);

    // Act
    const answer = await client.getPodLogs('payments', 'checkout-api-7d9f8b6c5-x2k4p', {
      container: 'app',
      tail: 50,
      previous: true,
      limitBytes: 4096,
    });

    // Assert
    expect(answer.lines).toEqual(['boom']);
    expect(answer.previous).toBe(true);
  });

  it('when a request id is given, then it is forwarded as x-request-id', async () => {
    // Arrange
    mockAgent
      .get(BASE)
      .intercept({ path: `${POD_PATH}/events`, method: 'GET', headers: { 'x-request-id': 'req-42' } })
      .reply(200, podEvents('payments', 'checkout-api-7d9f8b6c5-x2k4p'), JSON_HEADERS);

    // Act
    const answer = await client.getPodEvents('payments', 'checkout-api-7d9f8b6c5-x2k4p', { requestId: 'req-42' });

    // Assert
    expect(answer.events).toEqual([]);
    mockAgent.assertNoPendingInterceptors();
  });

  it('when the agent answers 404, then AgentNotFoundError carries its message and is not retried', async () => {
    // Arrange
    mockAgent
      .get(BASE)
      .intercept({ path: POD_PATH, method: 'GET' })
      .reply(
        404,
        { code: 404, message: 'pods "checkout-api-7d9f8b6c5-x2k4p" not found', reason: 'NotFound' },
        JSON_HEADERS,
      );

    // Act
    const failure = await client.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p').catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentNotFoundError);
    expect(failure).toMatchObject({
      status: 404,
      kind: 'not_found',
      reason: 'NotFound',
      message: 'pods "checkout-api-7d9f8b6c5-x2k4p" not found',
    });
  });

  it('when the agent answers 503 then 200, then the call is retried and succeeds', async () => {
    // Arrange
    const pool = mockAgent.get(BASE);
    pool
      .intercept({ path: POD_PATH, method: 'GET' })
      .reply(503, { code: 503, message: 'Kubernetes API unreachable' }, JSON_HEADERS);
    pool
      .intercept({ path: POD_PATH, method: 'GET' })
      .reply(502, { code: 502, message: 'Kubernetes answered 500' }, JSON_HEADERS);
    const details = podDetails({ name: 'checkout-api-7d9f8b6c5-x2k4p', namespace: 'payments' });
    pool.intercept({ path: POD_PATH, method: 'GET' }).reply(200, details, JSON_HEADERS);

    // Act
    const answer = await client.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p');

    // Assert
    expect(answer.name).toBe('checkout-api-7d9f8b6c5-x2k4p');
    mockAgent.assertNoPendingInterceptors();
  });

  it('when the agent keeps answering 503, then AgentUnavailableError comes after the bounded attempts', async () => {
    // Arrange
    mockAgent
      .get(BASE)
      .intercept({ path: POD_PATH, method: 'GET' })
      .reply(503, { code: 503, message: 'Kubernetes API unreachable', reason: 'ServiceUnavailable' }, JSON_HEADERS)
      .times(3);

    // Act
    const failure = await client.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p').catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentUnavailableError);
    expect(failure).toMatchObject({ status: 503, message: 'Kubernetes API unreachable' });
    mockAgent.assertNoPendingInterceptors();
  });

  it.each([
    [400, AgentBadRequestError, 'bad_request', 'container "app" in pod "web-1" is waiting to start: ContainerCreating'],
    [
      403,
      AgentForbiddenError,
      'forbidden',
      'pods "web-1" is forbidden: User "system:serviceaccount:sre:agent" cannot get resource "pods"',
    ],
  ])(
    'when the agent answers %i, then the matching typed error comes at once, without a retry',
    async (status, type, kind, message) => {
      // Arrange
      const pool = mockAgent.get(BASE);
      pool
        .intercept({ path: '/api/v1/pods/shop/web-1', method: 'GET' })
        .reply(status, { code: status, message }, JSON_HEADERS);
      // A second answer would turn a wrongly retried call into a success.
      pool
        .intercept({ path: '/api/v1/pods/shop/web-1', method: 'GET' })
        .reply(200, podDetails({ name: 'web-1', namespace: 'shop' }), JSON_HEADERS);

      // Act
      const failure = await client.getPodDetails('shop', 'web-1').catch((e: unknown) => e);

      // Assert
      expect(failure).toBeInstanceOf(type);
      expect(failure).toMatchObject({ status, kind, message });
      expect(mockAgent.pendingInterceptors()).toHaveLength(1);
    },
  );

  it('when the agent does not answer within the deadline, then AgentTimeoutError', async () => {
    // Arrange
    const slow = new K8sAgentClient(BASE, { dispatcher: mockAgent, timeoutMs: 150, maxRetries: 0 });
    mockAgent
      .get(BASE)
      .intercept({ path: POD_PATH, method: 'GET' })
      .reply(200, podDetails({ name: 'checkout-api-7d9f8b6c5-x2k4p', namespace: 'payments' }), JSON_HEADERS)
      .delay(1_000);

    // Act
    const started = performance.now();
    const failure = await slow.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p').catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentTimeoutError);
    expect(failure).toMatchObject({ status: 0, kind: 'timeout' });
    expect(performance.now() - started).toBeLessThan(900);
  });

  it("when the agent answered 504 and the retry runs out of time, then the agent's own 504 is reported", async () => {
    // Arrange
    const slow = new K8sAgentClient(BASE, { dispatcher: mockAgent, timeoutMs: 300, maxRetries: 2, backoffBaseMs: 1 });
    const pool = mockAgent.get(BASE);
    pool
      .intercept({ path: POD_PATH, method: 'GET' })
      .reply(
        504,
        { code: 504, message: 'the Kubernetes API did not answer within 10000 ms', reason: 'Timeout' },
        JSON_HEADERS,
      );
    pool
      .intercept({ path: POD_PATH, method: 'GET' })
      .reply(200, podDetails({ name: 'checkout-api-7d9f8b6c5-x2k4p', namespace: 'payments' }), JSON_HEADERS)
      .delay(2_000);

    // Act
    const failure = await slow.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p').catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentTimeoutError);
    expect(failure).toMatchObject({ status: 504, message: 'the Kubernetes API did not answer within 10000 ms' });
  });

  it('when the caller aborts, then the call stops with AgentTimeoutError naming the reason', async () => {
    // Arrange
    mockAgent
      .get(BASE)
      .intercept({ path: POD_PATH, method: 'GET' })
      .reply(200, podDetails({ name: 'checkout-api-7d9f8b6c5-x2k4p', namespace: 'payments' }), JSON_HEADERS)
      .delay(1_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('investigation deadline passed')), 50);

    // Act
    const failure = await client
      .getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p', { signal: controller.signal })
      .catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentTimeoutError);
    expect((failure as Error).message).toContain('investigation deadline passed');
  });

  it('when the agent answers malformed JSON, then AgentProtocolError', async () => {
    // Arrange
    mockAgent.get(BASE).intercept({ path: POD_PATH, method: 'GET' }).reply(200, '{"name": "checkout', JSON_HEADERS);

    // Act
    const failure = await client.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p').catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentProtocolError);
    expect((failure as Error).message).toContain('not JSON');
  });

  it('when the agent answers JSON outside the contract, then AgentProtocolError names the field', async () => {
    // Arrange
    mockAgent
      .get(BASE)
      .intercept({ path: POD_PATH, method: 'GET' })
      .reply(200, { name: 'checkout-api-7d9f8b6c5-x2k4p', namespace: 'payments' }, JSON_HEADERS);

    // Act
    const failure = await client.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p').catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentProtocolError);
    expect((failure as Error).message).toContain('outside the contract');
  });

  it('when the answer is larger than the cap, then AgentProtocolError instead of reading it all', async () => {
    // Arrange
    const capped = new K8sAgentClient(BASE, { dispatcher: mockAgent, maxResponseBytes: 1024 });
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    mockAgent
      .get(BASE)
      .intercept({ path: `${POD_PATH}/logs`, method: 'GET' })
      .reply(200, podLogs('payments', 'checkout-api-7d9f8b6c5-x2k4p', 'app', lines), JSON_HEADERS);

    // Act
    const failure = await capped.getPodLogs('payments', 'checkout-api-7d9f8b6c5-x2k4p').catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentProtocolError);
    expect((failure as Error).message).toContain('exceeds 1024 bytes');
  });

  it('when the connection fails and then works, then the call is retried and succeeds', async () => {
    // Arrange
    const pool = mockAgent.get(BASE);
    pool.intercept({ path: POD_PATH, method: 'GET' }).replyWithError(connectionRefused());
    const details = podDetails({ name: 'checkout-api-7d9f8b6c5-x2k4p', namespace: 'payments' });
    pool.intercept({ path: POD_PATH, method: 'GET' }).reply(200, details, JSON_HEADERS);

    // Act
    const answer = await client.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p');

    // Assert
    expect(answer.name).toBe('checkout-api-7d9f8b6c5-x2k4p');
  });

  it('when the connection keeps failing, then AgentUnavailableError with status 0 after the bounded attempts', async () => {
    // Arrange
    mockAgent.get(BASE).intercept({ path: POD_PATH, method: 'GET' }).replyWithError(connectionRefused()).times(3);

    // Act
    const failure = await client.getPodDetails('payments', 'checkout-api-7d9f8b6c5-x2k4p').catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentUnavailableError);
    expect(failure).toMatchObject({ status: 0, kind: 'unavailable' });
    expect((failure as Error).message).toContain('unreachable');
    mockAgent.assertNoPendingInterceptors();
  });

  it('when names need escaping, then they are percent-encoded in the path', async () => {
    // Arrange
    mockAgent
      .get(BASE)
      .intercept({ path: '/api/v1/pods/shop/web%2F..%2Fx/events', method: 'GET' })
      .reply(400, { code: 400, message: 'invalid pod name' }, JSON_HEADERS);

    // Act
    const failure = await client.getPodEvents('shop', 'web/../x').catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(AgentBadRequestError);
  });
});

function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 10.96.0.12:80'), { code: 'ECONNREFUSED' });
}
