import type { AppError } from '@sre-orchestrator/service-kit';
import { kubeErrorToAppError } from '../kube/kube-error-mapping.js';
import type { KubeGateway } from '../kube/kube-gateway.js';

export type ReadinessResult =
  | { ready: true; server: string | null; namespace: string; checked_at: string }
  | { ready: false; error: AppError; server: string | null; namespace: string; checked_at: string };

export interface ReadinessChecker {
  /** The cached result while fresh; otherwise one new check, shared by concurrent callers. */
  check(): Promise<ReadinessResult>;
}

export interface ReadinessCheckerOptions {
  gateway: KubeGateway;
  /** The agent's own namespace, where it lists one pod. */
  namespace: string;
  /** How long a result is reused, so frequent probes cannot hammer the API server. */
  cacheMs: number;
  now?: () => number;
  /** Called with the first result and whenever readiness flips, so a lost permission or connection is logged once. */
  onChange?: (result: ReadinessResult) => void;
}

/**
 * Ready means: the API server answers and the agent's identity may list pods in its own namespace
 * (`limit=1`, the cheapest read that exercises both credentials and RBAC).
 */
export function createReadinessChecker(options: ReadinessCheckerOptions): ReadinessChecker {
  const now = options.now ?? Date.now;
  let cached: { at: number; result: ReadinessResult } | null = null;
  let inFlight: Promise<ReadinessResult> | null = null;

  const run = async (): Promise<ReadinessResult> => {
    const base = { server: options.gateway.server, namespace: options.namespace };
    try {
      await options.gateway.listOnePod(options.namespace);
      return { ready: true, ...base, checked_at: new Date(now()).toISOString() };
    } catch (error) {
      const mapped = kubeErrorToAppError(error, { verb: 'list', resource: 'pods', namespace: options.namespace });
      return { ready: false, error: mapped, ...base, checked_at: new Date(now()).toISOString() };
    }
  };

  return {
    check() {
      if (cached && now() - cached.at < options.cacheMs) return Promise.resolve(cached.result);
      if (!inFlight) {
        inFlight = run().then((result) => {
          const changed = !cached || cached.result.ready !== result.ready;
          cached = { at: now(), result };
          if (changed) options.onChange?.(result);
          inFlight = null;
          return result;
        });
      }
      return inFlight;
    },
  };
}
