import type { Static, TObject } from 'typebox';
import { Value } from 'typebox/value';

/** Thrown when the environment does not satisfy a service's config schema; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads a service's configuration from environment variables, once, at startup.
 *
 * The schema's property names are the variable names (PORT, LOG_LEVEL, ...). Values are
 * converted from strings to the declared types, defaults applied, and the result validated;
 * anything wrong throws a ConfigError naming each offending variable, so the process can stop
 * with a message an operator can act on. Unknown variables are ignored.
 */
export function loadConfig<T extends TObject>(schema: T, env: NodeJS.ProcessEnv = process.env): Static<T> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    // An empty variable (`PORT=`) means "not set", as shells and Helm often produce it.
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(schema, Value.Default(schema, raw));
  const problems: string[] = [];
  for (const error of Value.Errors(schema, converted)) {
    const name = error.instancePath.replace(/^\//, '').split('/')[0] || requiredName(error.params);
    const given = name && raw[name] !== undefined ? ` (got ${JSON.stringify(raw[name])})` : '';
    problems.push(`${name || '(config)'}: ${error.message}${given}`);
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return converted as Static<T>;
}

function requiredName(params: unknown): string {
  const missing = (params as { requiredProperties?: string[] } | undefined)?.requiredProperties;
  return missing?.join(', ') ?? '';
}
