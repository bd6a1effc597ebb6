import { DNS_LABEL_PATTERN } from '@sre-orchestrator/contracts';
import { ConfigError, LogLevelSchema, loadConfig } from '@sre-orchestrator/service-kit';
import { type Static, Type } from 'typebox';

const KIB = 1024;

/** Every setting of the agent, read from environment variables once at startup (see .env.example). */
export const AgentConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8081, description: 'TCP port the agent listens on.' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Interface the agent binds to.' }),
  LOG_LEVEL: LogLevelSchema,
  K8S_REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 10_000,
    description: 'Upper bound for each Kubernetes API call; a slower answer becomes a 504.',
  }),
  LOG_TAIL_DEFAULT: Type.Integer({
    minimum: 1,
    default: 100,
    description: 'Lines of log returned when the request gives no `tail`.',
  }),
  LOG_TAIL_MAX: Type.Integer({
    minimum: 1,
    default: 5000,
    description: 'Largest `tail` a request may ask for (above: 400).',
  }),
  LOG_LIMIT_BYTES_DEFAULT: Type.Integer({
    minimum: 1,
    default: 256 * KIB,
    description: 'Bytes of log returned when the request gives no `limit_bytes`.',
  }),
  LOG_LIMIT_BYTES_MAX: Type.Integer({
    minimum: 1,
    maximum: 16 * KIB * KIB,
    default: KIB * KIB,
    description: 'Largest `limit_bytes` a request may ask for (above: 400); bounds the memory one log read can take.',
  }),
  MASK_SECRETS: Type.Boolean({
    default: true,
    description: 'Mask credentials (passwords, tokens, keys) in log lines before they leave the agent.',
  }),
  AGENT_NAMESPACE: Type.Optional(
    Type.String({
      pattern: DNS_LABEL_PATTERN,
      description:
        'Namespace the readiness check lists pods in; default: the service-account namespace, then the kubeconfig context namespace, then `default`.',
    }),
  ),
  ALLOW_INSECURE_KUBE_API: Type.Boolean({
    default: false,
    description: 'Accept a plain http:// Kubernetes API server URL (local development only).',
  }),
});
export type AgentConfig = Static<typeof AgentConfigSchema>;

/**
 * Reads and validates the agent's configuration; throws a ConfigError naming each bad variable.
 * Defaults that contradict their maximum are rejected too, so a typo cannot silently disable a bound.
 */
export function loadAgentConfig(env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const config = loadConfig(AgentConfigSchema, env);
  const problems: string[] = [];
  if (config.LOG_TAIL_DEFAULT > config.LOG_TAIL_MAX) {
    problems.push(`LOG_TAIL_DEFAULT: must not exceed LOG_TAIL_MAX (${config.LOG_TAIL_MAX})`);
  }
  if (config.LOG_LIMIT_BYTES_DEFAULT > config.LOG_LIMIT_BYTES_MAX) {
    problems.push(`LOG_LIMIT_BYTES_DEFAULT: must not exceed LOG_LIMIT_BYTES_MAX (${config.LOG_LIMIT_BYTES_MAX})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
