import { randomUUID } from 'node:crypto';
import { DESCRIPTION_MAX_CHARS, type Incident, REQUEST_BODY_MAX_BYTES } from '@sre-orchestrator/contracts';
import { describe, expect, it } from 'vitest';
import { AGENT_URL, buildTestApp, report, waitForFinished } from '../../helpers/build-test-app.js';
import { fakeAgent, notFound } from '../../helpers/fake-agent.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('POST /api/v1/incidents', () => {
  it('when the description is valid, then 202 with the incident id and a Location header', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    fakeAgent(mockAgent, { details: notFound('web-1'), events: notFound('web-1'), logs: notFound('web-1') });

    // Act
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: { description: 'pod web-1 is crashing' },
    });

    // Assert
    expect(response.statusCode).toBe(202);
    const { incident_id } = response.json<{ incident_id: string }>();
    expect(incident_id).toMatch(UUID);
    expect(response.headers.location).toBe(`/api/v1/incidents/${incident_id}`);
    const stored = await app.inject({ method: 'GET', url: `/api/v1/incidents/${incident_id}` });
    expect(stored.json<Incident>().description).toBe('pod web-1 is crashing');
  });

  it.each([
    ['an array', '[{"description":"pod web-1"}]', 'must be a JSON object'],
    ['a string', '"pod web-1 is down"', 'must be a JSON object'],
    ['null', 'null', 'must be a JSON object'],
    ['an object without description', '{"text":"pod web-1"}', '"description" is required'],
    ['an empty description', '{"description":""}', 'must not be empty'],
    ['a whitespace-only description', '{"description":"  \\n\\t "}', 'must not be empty'],
    ['a numeric description', '{"description":42}', 'must be a string'],
    ['malformed JSON', '{"description": "pod web-1', undefined],
  ])('when the body is %s, then 400 in the error shape', async (_case, payload, message) => {
    // Arrange
    const { app } = await buildTestApp();

    // Act
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: { 'content-type': 'application/json' },
      payload,
    });

    // Assert
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: number; message: string }>();
    expect(body.code).toBe(400);
    expect(body.message).toEqual(expect.any(String));
    if (message) expect(body.message).toContain(message);
  });

  it('when the description is longer than the limit, then 413', async () => {
    // Arrange
    const { app } = await buildTestApp();

    // Act
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: { description: `pod web-1 ${'x'.repeat(DESCRIPTION_MAX_CHARS)}` },
    });

    // Assert
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 413, reason: 'PayloadTooLarge' });
  });

  it('when the body is larger than the byte limit, then 413', async () => {
    // Arrange
    const { app } = await buildTestApp();

    // Act
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: { description: 'pod web-1', padding: 'x'.repeat(REQUEST_BODY_MAX_BYTES) },
    });

    // Assert
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 413 });
  });

  it('when the content type is not JSON, then 415', async () => {
    // Arrange
    const { app } = await buildTestApp();

    // Act
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: { 'content-type': 'text/plain' },
      payload: 'pod web-1 is crashing',
    });

    // Assert
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 415 });
  });

  it('when the queue is full, then 503 with Retry-After', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp({
      INVESTIGATION_CONCURRENCY: '1',
      INVESTIGATION_QUEUE_MAX: '0',
      SHUTDOWN_GRACE_MS: '50',
    });
    mockAgent
      .get(AGENT_URL)
      .intercept({ path: () => true, method: 'GET' })
      .reply(200, {})
      .delay(2_000)
      .persist();
    await report(app, 'pod web-1 is crashing');

    // Act
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: { description: 'pod web-2 is crashing' },
    });

    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ code: 503, reason: 'QueueFull' });
  });
});

describe('GET /api/v1/incidents/:id', () => {
  it('when the id is not a UUID, then 400', async () => {
    // Arrange
    const { app } = await buildTestApp();

    // Act
    const response = await app.inject({ method: 'GET', url: '/api/v1/incidents/not-a-uuid' });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 400, message: 'incident id must be a UUID, got "not-a-uuid"' });
  });

  it('when no incident has the id, then 404', async () => {
    // Arrange
    const { app } = await buildTestApp();
    const id = randomUUID();

    // Act
    const response = await app.inject({ method: 'GET', url: `/api/v1/incidents/${id}` });

    // Assert
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 404, message: `incident ${id} not found` });
  });
});

describe('GET /api/v1/incidents', () => {
  it('when paging through, then incidents come newest first with a cursor until the last page', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    fakeAgent(mockAgent, { details: notFound('web-1'), events: notFound('web-1'), logs: notFound('web-1') });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await report(app, `pod web-1 is crashing (${i})`));
    for (const id of ids) await waitForFinished(app, id);

    // Act
    const first = await app.inject({ method: 'GET', url: '/api/v1/incidents?limit=2' });
    const cursor = first.json<{ next_cursor: string }>().next_cursor;
    const second = await app.inject({ method: 'GET', url: `/api/v1/incidents?limit=2&cursor=${cursor}` });
    const completed = await app.inject({ method: 'GET', url: '/api/v1/incidents?status=completed' });

    // Assert
    expect(first.statusCode).toBe(200);
    expect(first.json<{ items: Incident[] }>().items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    expect(second.json()).toMatchObject({ items: [{ id: ids[0] }], next_cursor: null });
    expect(completed.json<{ items: Incident[] }>().items).toHaveLength(3);
  });

  it.each([
    ['an invalid cursor', 'cursor=bm90LWEtY3Vyc29y'],
    ['a limit of 0', 'limit=0'],
    ['a limit over 100', 'limit=101'],
    ['an unknown status', 'status=exploded'],
  ])('when the query has %s, then 400', async (_case, query) => {
    // Arrange
    const { app } = await buildTestApp();

    // Act
    const response = await app.inject({ method: 'GET', url: `/api/v1/incidents?${query}` });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 400 });
  });
});

describe('GET /ready', () => {
  it('when the app accepts work, then 200 without asking the agent', async () => {
    // Arrange
    const { app, mockAgent } = await buildTestApp();
    const agent = fakeAgent(mockAgent, {});

    // Act
    const response = await app.inject({ method: 'GET', url: '/ready' });

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ready', checks: { queue_has_room: true } });
    expect(agent.calls).toEqual([]);
  });
});
