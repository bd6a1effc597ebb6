import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import type { EndpointComponentMatch } from '../../knowledge-graph/index.js';
import { crashLogsFor, isTroubled, quote, restartPhrase } from '../facts.js';
import {
  type DependencyFailure,
  type DependencyHit,
  findDependencyFailures,
  isStackLine,
  LineTier,
  lineTier,
  matchDependencyFailure,
} from '../log-patterns.js';
import type { Candidate, ContainerView, DiagnosisContext, DiagnosisRule, LogView } from '../rule.js';

const FAILURE_TEXT: Record<DependencyFailure, string> = {
  connection_refused: 'connection refused',
  timeout: 'connection timed out',
  dns_failure: 'its name does not resolve (DNS)',
};

/** Wrapper lines that follow the real error without replacing it. */
const WRAPPER =
  /^(?:Traceback|\s*raise |During handling|The above exception)|Application run failed|Exception encountered during context initialization|shutting down|stopping|npm ERR!|Background on this error|Emitted 'error' event|Command failed with exit code|exit code \d|^\(|exited with code|process exited|exit status \d|Worker failed to boot/i;

/** The process giving up because of the failure ("cannot start without redis, exiting"): a consequence, not a new cause. */
const GIVING_UP =
  /\b(?:exiting|aborting|giving up|terminating|cannot start|can't start|could not start|unable to start|failed to start|startup failed|start-up failed)\b/i;

/** A warning after the failure is commentary on it (Spring's "cancelling refresh attempt"), not a new cause. */
const CHAINED = /^The above exception was the direct cause|^During handling of the above exception/;
const WARNING_LEVEL = /(?:^|\s|\[|level[=:]\s*"?)(?:WARN|WARNING)\b/i;

/**
 * Whether the failure explains the exit: no unrelated error follows it in that instance's log.
 * A stray "connection refused" early on, followed by an unrelated exception, is noise.
 */
function isDecisive(lines: readonly string[], hit: DependencyHit): boolean {
  const names = dependencyNames(hit.host);
  for (let i = hit.index + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // Python prints the root cause first and its consequences after this marker.
    if (CHAINED.test(line)) return true;
    if (isStackLine(line) || lineTier(line) === LineTier.None || WARNING_LEVEL.test(line)) continue;
    if (matchDependencyFailure(line) !== null || WRAPPER.test(line.trim()) || GIVING_UP.test(line)) continue;
    // A later error about the same dependency ("redis unavailable") repeats the cause.
    const lower = line.toLowerCase();
    if (names.some((n) => lower.includes(n))) continue;
    return false;
  }
  return true;
}

/** `redis-master.default.svc.cluster.local` → ["redis-master", "redis"]: how later lines may name the dependency. */
function dependencyNames(host: string | null): string[] {
  if (!host || /^[\d.:[\]]+$/.test(host)) return [];
  const service = host.toLowerCase().split('.')[0] ?? '';
  const stem = service.split('-')[0] ?? '';
  return [...new Set([service, stem])].filter((n) => n.length >= 4);
}

const RECOVERED = /\b(?:re)?connected\b|restored|recovered|established|succeeded|is ready|back online/i;

/**
 * A container that stays up while a dependency is down (it retries instead of exiting) is still the
 * incident when the failures repeat up to the end of its log with no recovery after them.
 */
function isOngoing(lines: readonly string[], hits: readonly DependencyHit[]): boolean {
  if (hits.length < 3) return false;
  const last = hits[hits.length - 1] as DependencyHit;
  const after = lines.slice(last.index + 1).filter((l) => l.trim() !== '' && !isStackLine(l));
  return after.length <= 3 && !after.some((l) => RECOVERED.test(l));
}

/**
 * The host of the decisive hit. A Service name says more than its ClusterIP, so when the last hit names
 * only an IP (`ECONNREFUSED 10.96.45.12:5432`) and an earlier one named the same port by host
 * (`cart-db.shop.svc.cluster.local:5432`), the name is used; when the last hit names no host, the latest
 * named one is.
 */
function pickHit(hits: readonly DependencyHit[]): DependencyHit {
  const last = hits[hits.length - 1] as DependencyHit;
  if (last.host && !isIpLiteral(last.host)) return last;
  const samePort = (h: DependencyHit) => last.port === null || h.port === null || h.port === last.port;
  const byName = [...hits].reverse().find((h) => h.host && !isIpLiteral(h.host) && samePort(h));
  if (byName) return { ...last, host: byName.host, port: byName.port ?? last.port };
  if (last.host) return last;
  const named = [...hits].reverse().find((h) => h.host);
  return named ? { ...last, host: named.host, port: named.port } : last;
}

function isIpLiteral(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

function endpointText(host: string | null, port: number | null): string {
  if (!host) return port ? `port ${port}` : 'a dependency';
  return port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
}

interface Finding {
  view: ContainerView;
  log: LogView;
  hits: DependencyHit[];
  hit: DependencyHit;
  decisive: boolean;
}

/**
 * A container failing because something it needs does not answer: its logs show connection refused,
 * timeouts or DNS failures towards a host. Names the host:port from the log line, and the
 * knowledge-graph component behind it when a graph is loaded.
 */
export const dependencyUnreachableRule: DiagnosisRule = {
  name: 'dependency-unreachable',
  category: DiagnosisCategory.DependencyUnreachable,
  analyze(context: DiagnosisContext): Candidate[] {
    const out: Candidate[] = [];
    for (const view of context.containers) {
      const finding = findInContainer(context, view);
      if (finding) out.push(toCandidate(context, finding));
    }
    return out;
  },
};

function findInContainer(context: DiagnosisContext, view: ContainerView): Finding | null {
  let fallback: Finding | null = null;
  // The crashed instance explains a restart; the current one explains a container that is up but failing.
  for (const log of crashLogsFor(context, view.info.name)) {
    const hits = findDependencyFailures(log.logs.lines);
    if (hits.length === 0) continue;
    const hit = pickHit(hits);
    const finding = {
      view,
      log,
      hits,
      hit,
      decisive: isDecisive(log.logs.lines, hits[hits.length - 1] as DependencyHit),
    };
    if (finding.decisive) return finding;
    fallback ??= finding;
  }
  return fallback;
}

function toCandidate(context: DiagnosisContext, finding: Finding): Candidate {
  const { view, log, hits, hit, decisive } = finding;
  const name = view.info.name;
  const from = context.component?.component ?? null;
  const match: EndpointComponentMatch | null = context.graph?.componentForEndpoint(hit.host, hit.port, from) ?? null;
  const troubled = isTroubled(context, view);
  const degraded = !troubled && decisive && isOngoing(log.logs.lines, hits);
  const primary = (troubled || degraded) && decisive;
  const target = endpointText(hit.host, hit.port);
  const componentText = match
    ? ` (knowledge graph: component ${match.component.name}, ${match.component.type}${from && !from.depends_on?.includes(match.component.name) ? `, not a declared dependency of ${from.name}` : ''})`
    : '';
  const times = hits.length > 1 ? `, ${hits.length} times in its ${log.instance} logs` : '';
  const state =
    view.info.restart_count > 0 && troubled
      ? `; it has restarted ${restartPhrase(context, view)}`
      : !view.info.ready && troubled
        ? '; it is not ready'
        : '';
  const summary = degraded
    ? `Container ${name} is running but keeps failing to reach ${target}${componentText}: ${FAILURE_TEXT[hit.kind]}, ${hits.length} times in its ${log.instance} logs, up to its last lines.`
    : primary
      ? `Container ${name} cannot reach ${target}${componentText}: ${FAILURE_TEXT[hit.kind]}${times}${state}.`
      : `Container ${name} logged that ${target}${componentText} was unreachable (${FAILURE_TEXT[hit.kind]}${times}), but ${troubled ? 'other errors followed' : 'it is running and ready'}.`;

  const evidence: EvidencePointer[] = hits.slice(-2).map((h) => ({
    source: 'log',
    ref: `${log.ref}.lines[${h.index}]`,
    detail: quote(log.logs.lines[h.index] ?? ''),
  }));
  if (match) {
    evidence.push({
      source: 'knowledge_graph',
      ref: `components[${match.component.name}]`,
      detail: `${target} is ${match.component.name} (${match.component.type}), matched by ${match.matched_by}`,
    });
  }
  if (view.info.last_state?.kind === 'terminated') {
    evidence.push({
      source: 'last_state',
      ref: `${view.ref}.last_state`,
      detail: `terminated: ${view.info.last_state.reason}, exit code ${view.info.last_state.exit_code}`,
    });
  }
  const depName = match?.component.name ?? hit.host ?? 'the dependency';
  const remediation = [
    hit.kind === 'dns_failure'
      ? `Check the name ${hit.host ?? ''} is right and resolves in namespace ${context.pod.namespace}: kubectl get svc -A | grep ${hit.host?.split('.')[0] ?? '<name>'}; a Service in another namespace needs <svc>.<ns>.`
      : `Check ${depName} is up and has ready endpoints: kubectl get endpointslices -A -l kubernetes.io/service-name=${(match?.component.name ?? hit.host ?? '<svc>').split('.')[0]}`,
    hit.kind === 'timeout'
      ? 'A timeout (not a refusal) points at the network: NetworkPolicies, security groups, or an overloaded dependency.'
      : hit.kind === 'connection_refused'
        ? `Nothing listens on ${target}: the dependency is down, restarting, or listens on another port.`
        : 'Check CoreDNS is healthy (kubectl -n kube-system get pods -l k8s-app=kube-dns).',
    `Make ${name} retry with back-off at start-up instead of exiting, so a dependency blip does not crash-loop it.`,
  ];
  return {
    category: DiagnosisCategory.DependencyUnreachable,
    sub_cause: hit.kind,
    container: name,
    confidence: primary ? Confidence.Medium : Confidence.Low,
    summary,
    primary,
    evidence,
    remediation,
    dependency: {
      host: hit.host,
      port: hit.port,
      failure: hit.kind,
      component: match?.component.name ?? null,
      type: match?.component.type ?? null,
      matched_by: match?.matched_by ?? null,
      log_ref: `${log.ref}.lines[${hit.index}]`,
    },
  };
}
