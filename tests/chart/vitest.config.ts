import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'chart',
    include: ['**/*.test.ts'],
    // Each test shells out to helm (tens to hundreds of milliseconds per render, more on a cold cache).
    testTimeout: 30_000,
  },
});
