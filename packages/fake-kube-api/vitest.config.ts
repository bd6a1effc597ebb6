import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'fake-kube-api',
    include: ['tests/**/*.test.ts'],
  },
});
