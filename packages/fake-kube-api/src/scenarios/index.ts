import { missingConfigMapKeyScenario, missingSecretScenario } from './config-errors.js';
import { containerStartErrorScenario } from './container-start-error.js';
import { crashLoopAppErrorScenario } from './crash-loop-app-error.js';
import { dependencyDnsScenario, dependencyRefusedScenario } from './dependencies.js';
import { evictedScenario } from './evicted.js';
import { healthyDaemonSetScenario, healthyMultiContainerScenario, healthyScenario } from './healthy.js';
import { hugeLogsScenario } from './huge-logs.js';
import { imagePullNotFoundScenario, imagePullUnauthorizedScenario } from './image-pull.js';
import { initContainerFailureScenario } from './init-container-failure.js';
import { jobFailedScenario } from './job-failed.js';
import { oomKilledScenario } from './oom-killed.js';
import { livenessProbeScenario, readinessProbeScenario } from './probes.js';
import { restrictedNamespaceScenario } from './restricted-namespace.js';
import type { Scenario } from './scenario.js';
import { unschedulablePvcScenario, unschedulableResourcesScenario } from './unschedulable.js';
import { volumeMountFailureScenario } from './volume-mount-failure.js';

/** Every built-in scenario; the server holds all of them unless told otherwise. */
export const SCENARIOS: Scenario[] = [
  oomKilledScenario,
  crashLoopAppErrorScenario,
  imagePullNotFoundScenario,
  imagePullUnauthorizedScenario,
  unschedulableResourcesScenario,
  unschedulablePvcScenario,
  missingSecretScenario,
  missingConfigMapKeyScenario,
  livenessProbeScenario,
  readinessProbeScenario,
  initContainerFailureScenario,
  evictedScenario,
  dependencyRefusedScenario,
  dependencyDnsScenario,
  containerStartErrorScenario,
  volumeMountFailureScenario,
  healthyScenario,
  healthyDaemonSetScenario,
  healthyMultiContainerScenario,
  jobFailedScenario,
  restrictedNamespaceScenario,
  hugeLogsScenario,
];

/** The built-in scenario with this id; throws on an unknown id so a typo fails the test that made it. */
export function findScenario(id: string): Scenario {
  const scenario = SCENARIOS.find((s) => s.id === id);
  if (!scenario) throw new Error(`unknown scenario "${id}"; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  return scenario;
}
