import type { MockAgent } from 'undici';
import { AGENT_URL } from './build-test-app.js';

export interface AgentCall {
  path: string;
  query: URLSearchParams;
  requestId: string | undefined;
}

type Answer = { status: number; body: unknown } | 'connection-refused';

/**
 * The k8s-agent's HTTP API faked at the network boundary: answers are looked up by route
 * (`details`, `events`, `logs` for the agent-chosen container, `logs:<container>` and
 * `logs:<container>:previous`), and every call is recorded.
 */
export function fakeAgent(mockAgent: MockAgent, answers: Record<string, Answer>, baseUrl = AGENT_URL) {
  const calls: AgentCall[] = [];
  const pool = mockAgent.get(baseUrl);
  const routeOf = (path: string) => {
    const url = new URL(path, baseUrl);
    const [, , , , , , tail] = url.pathname.split('/');
    if (tail === undefined) return { url, route: 'details' };
    if (tail === 'events') return { url, route: 'events' };
    const container = url.searchParams.get('container');
    const previous = url.searchParams.get('previous') === 'true';
    return { url, route: container ? `logs:${container}${previous ? ':previous' : ''}` : 'logs' };
  };
  const record = (opts: { path: string; headers?: unknown }) => {
    const { url, route } = routeOf(opts.path);
    const headers = (opts.headers ?? {}) as Record<string, string>;
    calls.push({ path: url.pathname, query: url.searchParams, requestId: headers['x-request-id'] });
    return route;
  };
  for (const [route, answer] of Object.entries(answers)) {
    if (answer !== 'connection-refused') continue;
    pool
      .intercept({ path: (p) => routeOf(p).route === route, method: 'GET' })
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED 10.96.0.12:80'), { code: 'ECONNREFUSED' }))
      .persist();
  }
  pool
    .intercept({ path: () => true, method: 'GET' })
    .reply((opts) => {
      const route = record(opts as { path: string; headers?: unknown });
      const answer = answers[route];
      if (answer === undefined || answer === 'connection-refused') {
        return { statusCode: 500, data: { code: 500, message: `fake agent has no answer for ${route}` } };
      }
      return {
        statusCode: answer.status,
        data: JSON.stringify(answer.body),
        responseOptions: { headers: { 'content-type': 'application/json' } },
      };
    })
    .persist();
  return { calls };
}

export const notFound = (pod: string) => ({
  status: 404,
  body: { code: 404, message: `pods "${pod}" not found`, reason: 'NotFound' },
});
