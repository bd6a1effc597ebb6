import { Writable } from 'node:stream';
import { PodDetailsSchema, PodLogsQuerySchema } from '@sre-orchestrator/contracts';
import { Type } from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, type AppInstance, createServer } from '../src/index.js';

let app: AppInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function build(lines: string[] = []) {
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  app = await createServer({ service: 'test', version: '0.0.0', logLevel: 'info', logStream: stream, bodyLimit: 1024 });
  return app;
}

describe('createServer', () => {
  it('when /health is called, then it answers ok with a generated request id', async () => {
    const server = await build();
    const res = await server.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a well-formed x-request-id is sent, then it is echoed and logged; a malformed one is replaced', async () => {
    const lines: string[] = [];
    const server = await build(lines);
    server.get('/thing', async () => ({ ok: true }));
    const ok = await server.inject({ method: 'GET', url: '/thing', headers: { 'x-request-id': 'abc-123' } });
    expect(ok.headers['x-request-id']).toBe('abc-123');
    expect(lines.some((l) => JSON.parse(l).request_id === 'abc-123')).toBe(true);
    const bad = await server.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'a b\u0000<script>' },
    });
    expect(bad.headers['x-request-id']).not.toContain(' ');
  });

  it('when a route is unknown, then the answer is the one error shape', async () => {
    const server = await build();
    const res = await server.inject({ method: 'GET', url: '/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 404, message: 'Route GET /nope not found', reason: 'NotFound' });
  });

  it('when a route throws an AppError, an unknown error, or fails validation, then each maps to {code, message}', async () => {
    const lines: string[] = [];
    const server = await build(lines);
    server.get('/app-error', async () => {
      throw new AppError(403, 'Forbidden', 'no access', { verb: 'get' });
    });
    server.get('/boom', async () => {
      throw new Error('secret internals at /srv/x.ts:12');
    });
    server.get('/q', { schema: { querystring: PodLogsQuerySchema } }, async (req) => req.query);
    server.post('/body', { schema: { body: Type.Object({ a: Type.String() }) } }, async (req) => req.body);

    expect((await server.inject({ url: '/app-error' })).json()).toMatchObject({
      code: 403,
      message: 'no access',
      reason: 'Forbidden',
      details: { verb: 'get' },
    });
    const boom = await server.inject({ url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('secret internals');
    expect(lines.some((l) => l.includes('secret internals'))).toBe(true);
    const q = await server.inject({ url: '/q?tail=abc' });
    expect(q.statusCode).toBe(400);
    expect(q.json()).toMatchObject({ code: 400, reason: 'ValidationError' });
    expect((await server.inject({ url: '/q?tail=5&previous=true' })).json()).toEqual({ tail: 5, previous: true });

    const notJson = await server.inject({
      method: 'POST',
      url: '/body',
      payload: '{nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().code).toBe(400);
    const tooBig = await server.inject({
      method: 'POST',
      url: '/body',
      payload: { a: 'x'.repeat(5000) },
    });
    expect(tooBig.json()).toMatchObject({ code: 413, reason: 'PayloadTooLarge' });
    const text = await server.inject({
      method: 'POST',
      url: '/body',
      payload: 'a',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.json()).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
  });

  it('when a probe path is called, then no request log line is written', async () => {
    const lines: string[] = [];
    const server = await build(lines);
    await server.inject({ method: 'GET', url: '/health' });
    expect(lines).toEqual([]);
  });

  it('when shared schemas with nested ids are used by several routes, then the OpenAPI document is served', async () => {
    const server = await build();
    server.get('/a', { schema: { response: { 200: PodDetailsSchema } } }, async () => {
      throw new AppError(404, 'NotFound', 'x');
    });
    server.get('/b', { schema: { response: { 200: PodDetailsSchema } } }, async () => {
      throw new AppError(404, 'NotFound', 'x');
    });
    await server.ready();
    const res = await server.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths).toHaveProperty('/a');
    expect(res.json().paths).toHaveProperty('/health');
  });
});
