/**
 * Test-time module resolution shared by every workspace's vitest config.
 *
 * Workspace packages export a `source` condition pointing at their TypeScript
 * sources, so tests (and `tsc --noEmit`) see the current code of a sibling
 * package without building it first. Built code run by plain `node` ignores
 * the condition and loads `dist/`.
 */
const conditions = ['source', 'module', 'node', 'import', 'default'];

export const sourceConditions = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
};
