import { type Token, TokenKind } from './tokenize.js';

/** Symptoms in Kubernetes' own spelling: container waiting/terminated reasons, pod phases, event reasons. */
export const Symptom = {
  CrashLoopBackOff: 'CrashLoopBackOff',
  OOMKilled: 'OOMKilled',
  ImagePullBackOff: 'ImagePullBackOff',
  ErrImagePull: 'ErrImagePull',
  InvalidImageName: 'InvalidImageName',
  CreateContainerConfigError: 'CreateContainerConfigError',
  CreateContainerError: 'CreateContainerError',
  RunContainerError: 'RunContainerError',
  ContainerCreating: 'ContainerCreating',
  Pending: 'Pending',
  Unschedulable: 'Unschedulable',
  Evicted: 'Evicted',
  NotReady: 'NotReady',
  /** The event reason for failed liveness, readiness and startup probes. */
  Unhealthy: 'Unhealthy',
  FailedMount: 'FailedMount',
  Terminating: 'Terminating',
  /** A terminated container's reason when it exited non-zero for any reason other than OOM. */
  Error: 'Error',
  /** Restarts were reported without saying the kubelet is backing off yet. */
  Restarting: 'Restarting',
} as const;
export type Symptom = (typeof Symptom)[keyof typeof Symptom];

/** One lowercased word, including alert names from kube-prometheus (`KubePodCrashLooping`, `KubePodNotReady`). */
const WORDS: ReadonlyMap<string, Symptom> = new Map<string, Symptom>([
  ['crashloopbackoff', Symptom.CrashLoopBackOff],
  ['crashloop', Symptom.CrashLoopBackOff],
  ['crash-loop', Symptom.CrashLoopBackOff],
  ['crashlooping', Symptom.CrashLoopBackOff],
  ['crash-looping', Symptom.CrashLoopBackOff],
  ['crash-loopbackoff', Symptom.CrashLoopBackOff],
  ['kubepodcrashlooping', Symptom.CrashLoopBackOff],
  ['oomkilled', Symptom.OOMKilled],
  ['oom-killed', Symptom.OOMKilled],
  ['oomkill', Symptom.OOMKilled],
  ['oom', Symptom.OOMKilled],
  ['oomed', Symptom.OOMKilled],
  ['out-of-memory', Symptom.OOMKilled],
  ['imagepullbackoff', Symptom.ImagePullBackOff],
  ['errimagepull', Symptom.ErrImagePull],
  ['invalidimagename', Symptom.InvalidImageName],
  ['createcontainerconfigerror', Symptom.CreateContainerConfigError],
  ['createcontainererror', Symptom.CreateContainerError],
  ['runcontainererror', Symptom.RunContainerError],
  ['containercreating', Symptom.ContainerCreating],
  ['pending', Symptom.Pending],
  ['unschedulable', Symptom.Unschedulable],
  ['failedscheduling', Symptom.Unschedulable],
  ['evicted', Symptom.Evicted],
  ['eviction', Symptom.Evicted],
  ['notready', Symptom.NotReady],
  ['not-ready', Symptom.NotReady],
  ['kubepodnotready', Symptom.NotReady],
  ['unhealthy', Symptom.Unhealthy],
  ['failedmount', Symptom.FailedMount],
  ['terminating', Symptom.Terminating],
  ['restarting', Symptom.Restarting],
  ['restarts', Symptom.Restarting],
  ['restarted', Symptom.Restarting],
]);

/** Column headers of `kubectl get pods` that would otherwise read as symptoms. */
const TABLE_HEADERS: ReadonlySet<string> = new Set(['RESTARTS']);

/** Two consecutive lowercased words. */
const PAIRS: ReadonlyMap<string, Symptom> = new Map<string, Symptom>([
  ['crash loop', Symptom.CrashLoopBackOff],
  ['crash looping', Symptom.CrashLoopBackOff],
  ['crash loopback', Symptom.CrashLoopBackOff],
  ['restart loop', Symptom.CrashLoopBackOff],
  ['oom killed', Symptom.OOMKilled],
  ['oom kill', Symptom.OOMKilled],
  ['not ready', Symptom.NotReady],
  ['image pull', Symptom.ImagePullBackOff],
  ['probe failed', Symptom.Unhealthy],
]);

/** Three consecutive lowercased words. */
const TRIPLES: ReadonlyMap<string, Symptom> = new Map<string, Symptom>([
  ['out of memory', Symptom.OOMKilled],
  ['back-off restarting failed', Symptom.CrashLoopBackOff],
  ['back-off pulling image', Symptom.ImagePullBackOff],
  ['failed to pull', Symptom.ErrImagePull],
  ['failed to mount', Symptom.FailedMount],
  ['unable to mount', Symptom.FailedMount],
  ['cannot be scheduled', Symptom.Unschedulable],
  ['failed to schedule', Symptom.Unschedulable],
]);

/** First words of the phrases above: only these are worth joining with their neighbours. */
const PHRASE_STARTS: ReadonlySet<string> = new Set(
  [...PAIRS.keys(), ...TRIPLES.keys()].map((phrase) => phrase.split(' ')[0] ?? ''),
);

function wordAt(tokens: readonly Token[], index: number): string | null {
  const token = tokens[index];
  return token !== undefined && token.kind === TokenKind.Word ? token.lower : null;
}

/**
 * Calls `visit` for each symptom mention, in order. `Error` counts only in Kubernetes' capitalisation and not
 * as a message prefix (`Error: ...`), because the lowercase word is in nearly every description.
 */
function forEachSymptom(tokens: readonly Token[], visit: (symptom: Symptom, token: Token) => void): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== TokenKind.Word || TABLE_HEADERS.has(token.text)) continue;
    const second = PHRASE_STARTS.has(token.lower) ? wordAt(tokens, i + 1) : null;
    const third = second === null ? null : wordAt(tokens, i + 2);
    const triple = third === null ? undefined : TRIPLES.get(`${token.lower} ${second} ${third}`);
    const pair = triple !== undefined || second === null ? undefined : PAIRS.get(`${token.lower} ${second}`);
    const symptom = triple ?? pair ?? WORDS.get(token.lower);
    if (symptom !== undefined) {
      visit(symptom, token);
      // The words of a phrase are not read again on their own: `back-off restarting failed` is not `Restarting`.
      if (triple !== undefined) i += 2;
      else if (pair !== undefined) i += 1;
    } else if (token.text === 'Error' && tokens[i + 1]?.text !== ':') {
      visit(Symptom.Error, token);
    }
  }
}

/**
 * The Kubernetes symptoms the text mentions (canonical spelling, in order of first mention, without repeats), and
 * the clauses that mention one (see `Token.clause`; in a pasted table, the rows of failing pods).
 */
export function findSymptoms(tokens: readonly Token[]): { symptoms: Symptom[]; clauses: ReadonlySet<number> } {
  const found = new Set<Symptom>();
  const clauses = new Set<number>();
  forEachSymptom(tokens, (symptom, token) => {
    found.add(symptom);
    clauses.add(token.clause);
  });
  return { symptoms: [...found], clauses };
}
