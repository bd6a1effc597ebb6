import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'k8s-agent',
    include: ['tests/**/*.test.ts'],
  },
});
