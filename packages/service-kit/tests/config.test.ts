import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { ConfigError, LogLevelSchema, loadConfig } from '../src/index.js';

const Schema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8081 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  LOG_LEVEL: LogLevelSchema,
  MASK: Type.Boolean({ default: true }),
});

describe('loadConfig', () => {
  it('when nothing is set, then every default applies', () => {
    expect(loadConfig(Schema, {})).toEqual({ PORT: 8081, HOST: '0.0.0.0', LOG_LEVEL: 'info', MASK: true });
  });

  it('when values are set as strings, then they are converted to the declared types', () => {
    expect(loadConfig(Schema, { PORT: '9000', MASK: 'false', LOG_LEVEL: 'debug', OTHER: 'x' })).toEqual({
      PORT: 9000,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      MASK: false,
    });
  });

  it('when a value is empty, then it counts as unset', () => {
    expect(loadConfig(Schema, { PORT: '' }).PORT).toBe(8081);
  });

  it('when values are invalid, then the error names each variable and the value given', () => {
    try {
      loadConfig(Schema, { PORT: 'eighty', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('"eighty"');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  it('when a number is out of range, then it is rejected', () => {
    expect(() => loadConfig(Schema, { PORT: '70000' })).toThrow(/PORT/);
  });
});
