import { request } from 'node:https';
import type { FakeKubeApi } from '../src/index.js';

export interface RawAnswer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** A plain HTTPS request trusting the fake's CA, for word-for-word assertions on bodies. */
export function rawRequest(
  api: FakeKubeApi,
  path: string,
  options: { token?: string | null; method?: string; signal?: AbortSignal; accept?: string } = {},
): Promise<RawAnswer> {
  const token = options.token === undefined ? api.token : options.token;
  return new Promise((resolve, reject) => {
    const req = request(
      `${api.url}${path}`,
      {
        method: options.method ?? 'GET',
        ca: api.caPem,
        headers: {
          ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
          ...(options.accept ? { Accept: options.accept } : {}),
        },
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export function json(answer: RawAnswer): unknown {
  return JSON.parse(answer.body);
}
