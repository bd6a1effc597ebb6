import { ConfigError, loadCliConfig } from './config.js';
import { startFakeKubeApi } from './fake-kube-api.js';
import { SCENARIOS } from './scenarios/index.js';

async function main(): Promise<void> {
  const config = loadCliConfig(process.env, process.cwd());
  const api = await startFakeKubeApi({
    host: config.host,
    port: config.port,
    latencyMs: config.latencyMs,
    kubeconfigFile: config.kubeconfigPath,
    ...(config.token ? { token: config.token } : {}),
  });

  const width = Math.max(...SCENARIOS.map((s) => `${s.namespace}/${s.pod}`.length));
  const lines = [
    `fake Kubernetes API listening on ${api.url}${config.latencyMs ? ` (latency ${config.latencyMs} ms)` : ''}`,
    `kubeconfig: ${config.kubeconfigPath}`,
    `  try: kubectl --kubeconfig ${config.kubeconfigPath} get --raw /api/v1/namespaces/payments/pods`,
    '',
    'scenarios (namespace/pod -> what is broken):',
    ...SCENARIOS.map((s) => `  ${`${s.namespace}/${s.pod}`.padEnd(width)}  ${s.id}: ${s.summary}`),
    '',
    'Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received, closing\n`);
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`failed to close: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`fake-kube-api: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`fake-kube-api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
