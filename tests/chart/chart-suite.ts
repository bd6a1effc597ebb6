import { describe, it } from 'vitest';
import { findHelm, type HelmLookup } from './helm-cli.js';

let lookup: HelmLookup | undefined;
let warned = false;

/**
 * A describe block that needs helm. Without helm it is skipped with the reason in its name, so a fresh clone's
 * `npm test` passes; CI sets REQUIRE_HELM=1, where a missing helm is a failure instead.
 */
export function describeWithHelm(name: string, body: (helmBin: string) => void): void {
  lookup ??= findHelm();
  if (lookup.found) {
    describe(name, () => body((lookup as { bin: string }).bin));
    return;
  }
  const { reason } = lookup;
  if (process.env.REQUIRE_HELM === '1') {
    describe(name, () => {
      it('when REQUIRE_HELM=1, then helm is available', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  if (!warned) console.warn(`chart tests skipped: ${reason}`);
  warned = true;
  describe.skip(`${name} (skipped: ${reason})`, () => body('helm'));
}
