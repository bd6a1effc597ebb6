import { oomKilledScenario } from './oom-killed.js';
import type { Scenario } from './scenario.js';

/** Every built-in scenario; the server holds all of them unless told otherwise. */
export const SCENARIOS: Scenario[] = [oomKilledScenario];

/** The built-in scenario with this id; throws on an unknown id so a typo fails the test that made it. */
export function findScenario(id: string): Scenario {
  const scenario = SCENARIOS.find((s) => s.id === id);
  if (!scenario) throw new Error(`unknown scenario "${id}"; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  return scenario;
}
