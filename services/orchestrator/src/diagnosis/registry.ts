import { DiagnosisCategory } from '@sre-orchestrator/contracts';
import type { DiagnosisRule } from './rule.js';
import { configErrorRule } from './rules/config-error-rule.js';
import { containerStartErrorRule } from './rules/container-start-error-rule.js';
import { crashLoopRule } from './rules/crash-loop-rule.js';
import { dependencyUnreachableRule } from './rules/dependency-unreachable-rule.js';
import { evictedRule } from './rules/evicted-rule.js';
import { imagePullRule } from './rules/image-pull-rule.js';
import { initContainerFailureRule } from './rules/init-container-failure-rule.js';
import { livenessProbeFailureRule } from './rules/liveness-probe-failure-rule.js';
import { oomKilledRule } from './rules/oom-killed-rule.js';
import { readinessProbeFailureRule } from './rules/readiness-probe-failure-rule.js';
import { unschedulableRule } from './rules/unschedulable-rule.js';
import { volumeMountFailureRule } from './rules/volume-mount-failure-rule.js';

/**
 * Which conclusion wins when several apply: the cause before the symptom. A pod that was evicted or
 * never scheduled explains everything else; a missing image or Secret explains why nothing runs;
 * an OOMKill explains a crash loop; a refused database connection explains a crash or a failing
 * probe; a probe explains a restart; a bare crash loop comes next, and a container that is merely not
 * ready (often because it is crash-looping or its dependency is down) is the last resort. docs/diagnosis.md gives
 * the reasoning for each step.
 */
export const CATEGORY_PRIORITY: readonly DiagnosisCategory[] = [
  DiagnosisCategory.Evicted,
  DiagnosisCategory.Unschedulable,
  DiagnosisCategory.ImagePull,
  DiagnosisCategory.ConfigError,
  DiagnosisCategory.ContainerStartError,
  DiagnosisCategory.VolumeMountFailure,
  DiagnosisCategory.OomKilled,
  DiagnosisCategory.DependencyUnreachable,
  DiagnosisCategory.LivenessProbeFailure,
  DiagnosisCategory.InitContainerFailure,
  DiagnosisCategory.CrashLoop,
  DiagnosisCategory.ReadinessProbeFailure,
];

/** Every rule the engine runs, in one place. Add a rule here and give its category a priority above. */
export const defaultRules: readonly DiagnosisRule[] = [
  evictedRule,
  unschedulableRule,
  imagePullRule,
  configErrorRule,
  containerStartErrorRule,
  volumeMountFailureRule,
  oomKilledRule,
  dependencyUnreachableRule,
  livenessProbeFailureRule,
  initContainerFailureRule,
  crashLoopRule,
  readinessProbeFailureRule,
];
