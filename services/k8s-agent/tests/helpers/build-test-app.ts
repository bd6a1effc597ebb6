import type { AppInstance } from '@sre-orchestrator/service-kit';
import { afterEach } from 'vitest';
import { assembleApp } from '../../src/app.js';
import { loadAgentConfig } from '../../src/config.js';
import { FakeGateway } from './fake-gateway.js';

const open: AppInstance[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});

/** The agent assembled over a FakeGateway, closed after each test. */
export async function buildTestApp(
  env: NodeJS.ProcessEnv = {},
  gateway = new FakeGateway(),
): Promise<{ app: AppInstance; gateway: FakeGateway }> {
  const app = await assembleApp({
    config: loadAgentConfig({ LOG_LEVEL: 'silent', ...env }),
    gateway,
    namespace: 'sre-orchestrator',
  });
  open.push(app);
  return { app, gateway };
}
