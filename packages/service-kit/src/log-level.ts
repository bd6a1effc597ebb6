import { Type } from 'typebox';

/** The LOG_LEVEL values pino accepts; a typo stops the service at startup instead of logging nothing. */
export const LogLevelSchema = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
  { default: 'info', description: 'pino log level' },
);
