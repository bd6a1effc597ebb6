import type { ExtractedEntities } from '@sre-orchestrator/contracts';
import { findSymptoms, type Symptom } from './find-symptoms.js';
import { containsLetter, isDnsLabel, isDnsSubdomain, PodNameShape, podNameShape } from './kubernetes-names.js';
import { type Token, TokenKind, tokenize, truncateAtWordBoundary } from './tokenize.js';
import {
  API_GROUP_SUFFIXES,
  CONTAINER_FLAGS,
  EntityRole,
  type KindWord,
  KUBECTL_FLAGS_WITH_VALUE,
  KUBECTL_POD_FIRST_VERBS,
  KUBECTL_TYPED_VERBS,
  KUBECTL_WORDS,
  LABEL_KEYS,
  LEADING_ONLY_MARKER_WORDS,
  MARKER_FILLERS,
  MARKER_WORDS,
  NAMESPACE_FLAGS,
  NODE_NAME_PREFIXES,
  OTHER_OBJECT_WORDS_AFTER_NAME,
  OTHER_OBJECT_WORDS_BEFORE_NAME,
  SLASH_KINDS,
  STOP_WORDS,
  WELL_KNOWN_NAMESPACES,
  type WorkloadKind,
} from './vocabulary.js';

/**
 * Only this many leading characters of a description are scanned (less the part of a word the limit would cut).
 * The API already caps descriptions at 10 000 characters (`DESCRIPTION_MAX_CHARS`); the cap here keeps the cost
 * bounded for any other caller.
 */
export const MAX_SCANNED_CHARS = 20_000;

export const NamespaceSource = {
  /** The description named the namespace. */
  Description: 'description',
  /** The description named none; the configured default was assumed. */
  Default: 'default',
} as const;
export type NamespaceSource = (typeof NamespaceSource)[keyof typeof NamespaceSource];

export interface ExtractEntitiesOptions {
  /** Namespace assumed for a pod when the text names none. Must be a DNS label; `default` is used otherwise. */
  defaultNamespace: string;
}

/** `ExtractedEntities` with every field present (null when not found) and the workload, when one is named. */
export type ExtractionResult = ExtractedEntities & {
  pod_name: string | null;
  namespace: string | null;
  namespace_source: NamespaceSource | null;
  container: string | null;
  symptoms: Symptom[];
  workload: string | null;
  workload_kind: WorkloadKind | null;
};

/**
 * How strongly a phrasing identifies a name; the highest wins, ties go to the earliest mention.
 * Documented in docs/extraction.md.
 */
const Priority = {
  /** `pod=x`, `"pod": "x"`, `pod/x`, `-n shop`, `namespaces/shop/pods/x`. */
  Explicit: 100,
  /** `kubectl logs x`, `kubectl describe pod x`. */
  Kubectl: 90,
  /** `pod x`, `namespace shop`; also the namespace of a chosen `shop/x`. */
  LeadingMarker: 80,
  /** `name: x` inside an object that says `kind: Pod`. */
  ObjectName: 75,
  /** `the x pod`, `the app container`; also the namespace of `deployment shop/api`. */
  TrailingMarker: 70,
  /** `in the shop namespace`: after the leading form, because `pod web-1 namespace shop` reads both ways. */
  TrailingNamespaceMarker: 60,
  /** `shop/x-7d9f8b6c5-x2k4p` where x looks generated. */
  GeneratedPair: 60,
  /** `Pod shop/x (app)`: the container in parentheses after a pod, as kube-prometheus words its alerts. */
  ParenContainer: 60,
  /** `shop/web-api`. */
  PlainPair: 40,
  /** `in kube-system`. */
  WellKnownNamespace: 50,
  /** A bare token shaped like a Deployment's pod. */
  ReplicaSetShape: 30,
  /** A bare token shaped like a StatefulSet's, DaemonSet's or Job's pod. */
  OtherGeneratedShape: 25,
  /**
   * `pod web`, `the canary deployment`: a marker next to an unquoted, letters-only word. Prose puts words
   * after "pod" far more often than bare names, so a name-shaped token elsewhere in the text is preferred.
   */
  PlainWordMarker: 20,
  /** A bare hyphenated token. */
  Hyphenated: 10,
  /**
   * Added to a pod named by anything short of an explicit form or kubectl when its clause names a symptom:
   * in `pod web-1 is fine, but pod web-2 is OOMKilled` web-2 wins, and in a pasted `kubectl get pods` table the
   * CrashLoopBackOff row beats the Running one. Smaller than every gap between ranks, so it only breaks ties.
   */
  SymptomClauseBonus: 2,
} as const;

/** Flag values and label sets are skipped as one run of adjacent tokens, at most this long. */
const RUN_LIMIT = 32;
/** Keys longer than this are not label keys; normalising them would only cost time. */
const KEY_MAX_LENGTH = 64;

interface Candidate {
  value: string;
  priority: number;
  index: number;
  /** The namespace this mention itself carries (`shop/web-1`, a table row), and where it stands. */
  namespace?: { value: string; index: number } | null;
  container?: string | null;
  workloadKind?: WorkloadKind;
}

class BestCandidate {
  best: Candidate | null = null;

  offer(candidate: Candidate): void {
    const best = this.best;
    if (
      best === null ||
      candidate.priority > best.priority ||
      (candidate.priority === best.priority && candidate.index < best.index)
    ) {
      this.best = candidate;
    }
  }
}

interface NameRead {
  name: Token;
  nameIndex: number;
  /** The `shop` of `shop/web-1`, when pairs were allowed and present. */
  namespace: Token | null;
  /**
   * Quoted, or in a form where only a name can stand (`-n x`, `pod=x`, `pod/x`): then a common word is taken
   * at its word (`namespace=security`, `pod "logs"`), where in prose it would be read as English.
   */
  unambiguous: boolean;
  /** Index of the first token after the name (and its closing quote). */
  next: number;
}

function isPunct(token: Token | undefined, char: string): boolean {
  return token !== undefined && token.kind === TokenKind.Punct && token.text === char;
}

function isQuote(token: Token | undefined): boolean {
  return token !== undefined && token.kind === TokenKind.Quote;
}

function isWord(token: Token | undefined): token is Token {
  return token !== undefined && token.kind === TokenKind.Word;
}

/** `token` follows the previous one without whitespace. */
function isAttached(token: Token | undefined): boolean {
  return token !== undefined && !token.spaced;
}

function normalizeKey(lower: string): string {
  let key = '';
  for (const char of lower) {
    if (char !== '_' && char !== '-' && char !== '.') key += char;
  }
  return key;
}

/** Characters that may stand right before a name without making it part of something longer. */
const OPENERS: ReadonlySet<string> = new Set(['(', '[', '{', '<', '*', ',', '|']);

class EntityScanner {
  private readonly consumed: Uint8Array;
  readonly pods = new BestCandidate();
  readonly namespaces = new BestCandidate();
  readonly containers = new BestCandidate();
  readonly workloads = new BestCandidate();
  private podKindSeen = false;
  private firstObjectName: NameRead | null = null;
  /** The line of a `NAMESPACE NAME ...` header (`kubectl get pods -A`), once one was seen. */
  private tableHeaderLine = -1;

  constructor(
    private readonly tokens: readonly Token[],
    /** The clauses that mention a symptom. */
    private readonly symptomClauses: ReadonlySet<number>,
  ) {
    this.consumed = new Uint8Array(tokens.length);
  }

  private symptomBonus(index: number): number {
    const token = this.tokens[index];
    return token !== undefined && this.symptomClauses.has(token.clause) ? Priority.SymptomClauseBonus : 0;
  }

  scan(): void {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.kind !== TokenKind.Word) continue;
      if (token.lower.startsWith('-')) {
        this.flag(i);
        continue;
      }
      if (KUBECTL_WORDS.has(token.lower)) this.kubectl(i);
      this.labelKey(i);
      this.slashKind(i);
      this.leadingMarker(i);
      this.trailingMarker(i);
      this.otherObject(i);
      this.namespacePodPair(i);
      this.wellKnownNamespace(i);
      this.tableRow(i);
    }
    if (this.podKindSeen && this.firstObjectName !== null) {
      this.offerName(EntityRole.Pod, this.firstObjectName, Priority.ObjectName);
    }
    const best = this.pods.best;
    if (best === null || best.priority < Priority.OtherGeneratedShape) this.bareTokens();
  }

  private consume(index: number): void {
    if (index >= 0 && index < this.consumed.length) this.consumed[index] = 1;
  }

  /** Marks the run of adjacent tokens starting at `index` as used; returns the index after it. */
  private consumeRun(index: number): number {
    let k = index;
    const limit = Math.min(this.tokens.length, index + RUN_LIMIT);
    while (k < limit && (k === index || isAttached(this.tokens[k]))) {
      this.consume(k);
      k++;
    }
    return k;
  }

  /** The name at `index`, optionally after Markdown emphasis and an opening quote (then a closing one). */
  private readNameAfter(index: number, allowPair: boolean): NameRead | null {
    const tokens = this.tokens;
    let k = index;
    for (let emphasis = 0; emphasis < 3 && isPunct(tokens[k], '*'); emphasis++) k++;
    const quoted = isQuote(tokens[k]);
    if (quoted) k++;
    const first = tokens[k];
    if (!isWord(first)) return null;
    let nameIndex = k;
    let namespace: Token | null = null;
    k++;
    if (isPunct(tokens[k], '/') && isAttached(tokens[k])) {
      const second = tokens[k + 1];
      const continuesPath = isPunct(tokens[k + 2], '/') && isAttached(tokens[k + 2]);
      if (!allowPair || !isWord(second) || !isAttached(second) || continuesPath) return null;
      namespace = first;
      nameIndex = k + 1;
      k += 2;
    }
    if (quoted) {
      if (!isQuote(tokens[k])) return null;
      k++;
    }
    return { name: tokens[nameIndex] as Token, nameIndex, namespace, unambiguous: quoted, next: k };
  }

  /** The name right before the marker at `index`: `the web-1 pod`, `the "shop" namespace`, `shop/web-1 pod`. */
  private readNameBefore(index: number): NameRead | null {
    const tokens = this.tokens;
    let k = index - 1;
    const quoted = isQuote(tokens[k]);
    if (quoted) k--;
    const name = tokens[k];
    if (!isWord(name)) return null;
    let namespace: Token | null = null;
    let start = k;
    if (isPunct(tokens[k - 1], '/') && isAttached(name)) {
      const first = tokens[k - 2];
      const slash = tokens[k - 1];
      if (!isWord(first) || !isAttached(slash) || (isPunct(tokens[k - 3], '/') && isAttached(first))) return null;
      namespace = first;
      start = k - 2;
    }
    if (quoted && !isQuote(tokens[start - 1])) return null;
    return { name, nameIndex: k, namespace, unambiguous: quoted, next: index };
  }

  /**
   * `participlesAreNames`: after an explicit namespace marker (`in namespace restricted`) a past participle is a
   * name, not prose; elsewhere (`pod scheduled`) it is prose.
   */
  private accepts(
    token: Token,
    unambiguous: boolean,
    check: (name: string) => boolean,
    participlesAreNames = false,
  ): boolean {
    if (token.tainted || !check(token.text)) return false;
    return (
      unambiguous ||
      (!STOP_WORDS.has(token.lower) &&
        containsLetter(token.text) &&
        (participlesAreNames || !isPastParticiple(token.lower)))
    );
  }

  /** Pods and workloads named by a plain word after or before a marker rank below name-shaped tokens. */
  private markerPriority(role: EntityRole, read: NameRead, priority: number): number {
    const weak = role === EntityRole.Pod || role === EntityRole.Workload;
    return weak && !read.unambiguous && read.namespace === null && isLettersOnly(read.name.lower)
      ? Priority.PlainWordMarker
      : priority;
  }

  /** Offers a name read for `role`, unless it is not a valid name or is a common word. */
  private offerName(role: EntityRole, read: NameRead, priority: number, workloadKind?: WorkloadKind): void {
    const { name, nameIndex, namespace, unambiguous } = read;
    const namespaceOk = namespace === null || this.accepts(namespace, unambiguous, isDnsLabel);
    if (!namespaceOk) return;
    let accepted = false;
    switch (role) {
      case EntityRole.Pod:
        // `the kube-system pods` names a namespace, whatever word follows it.
        accepted =
          this.accepts(name, unambiguous, isDnsSubdomain) && (unambiguous || !WELL_KNOWN_NAMESPACES.has(name.lower));
        if (accepted) {
          this.pods.offer({
            value: name.text,
            priority: priority < Priority.Kubectl ? priority + this.symptomBonus(nameIndex) : priority,
            index: nameIndex,
            namespace: namespace === null ? null : { value: namespace.text, index: nameIndex - 2 },
            container: this.containerInParentheses(read.next),
          });
        }
        break;
      case EntityRole.Namespace:
        accepted = namespace === null && this.accepts(name, unambiguous, isDnsLabel, true);
        if (accepted) this.namespaces.offer({ value: name.text, priority, index: nameIndex });
        break;
      case EntityRole.Container:
        accepted = namespace === null && this.accepts(name, unambiguous, isDnsLabel);
        if (accepted) this.containers.offer({ value: name.text, priority, index: nameIndex });
        break;
      case EntityRole.Workload:
        accepted = workloadKind !== undefined && this.accepts(name, unambiguous, isDnsSubdomain);
        if (accepted) {
          this.workloads.offer({ value: name.text, priority, index: nameIndex, workloadKind });
          if (namespace !== null) {
            this.namespaces.offer({ value: namespace.text, priority: Priority.TrailingMarker, index: nameIndex - 2 });
          }
        }
        break;
      default:
        break;
    }
    if (accepted) {
      this.consume(nameIndex);
      if (namespace !== null) this.consume(nameIndex - 2);
    }
  }

  /** `(app)` right after a pod: kube-prometheus writes `Pod ns/pod (container)` in its alert descriptions. */
  private containerInParentheses(index: number): string | null {
    const tokens = this.tokens;
    const name = tokens[index + 1];
    if (!isPunct(tokens[index], '(') || !isWord(name) || !isPunct(tokens[index + 2], ')')) return null;
    return this.accepts(name, false, isDnsLabel) ? name.text : null;
  }

  /** `-n shop`, `--namespace=shop`, `-c app`, `--container app`; other flags' values are not names. */
  private flag(index: number): void {
    const tokens = this.tokens;
    const flag = (tokens[index] as Token).lower;
    let k = index + 1;
    const inlineValue = isPunct(tokens[k], '=') && isAttached(tokens[k]);
    if (inlineValue) k++;
    const role = NAMESPACE_FLAGS.has(flag)
      ? EntityRole.Namespace
      : CONTAINER_FLAGS.has(flag)
        ? EntityRole.Container
        : null;
    if (role !== null) {
      const read = this.readNameAfter(k, false);
      if (read !== null) this.offerName(role, { ...read, unambiguous: true }, Priority.Explicit);
    } else if (inlineValue || KUBECTL_FLAGS_WITH_VALUE.has(flag)) {
      this.consumeRun(k);
    }
  }

  /** Skips flags (with their values) from `index`; returns the first index that is not a flag. */
  private skipFlags(index: number): number {
    const tokens = this.tokens;
    let k = index;
    for (let steps = 0; steps < 8; steps++) {
      const token = tokens[k];
      if (!isWord(token) || !token.lower.startsWith('-') || token.lower === '--') return k;
      k++;
      if (isPunct(tokens[k], '=') && isAttached(tokens[k])) {
        k = this.consumeRun(k);
      } else if (KUBECTL_FLAGS_WITH_VALUE.has(token.lower)) {
        k = this.consumeRun(k);
      }
    }
    return k;
  }

  /** `kubectl logs web-1`, `kubectl -n shop exec -it web-1 -- sh`, `kubectl describe pod web-1`. */
  private kubectl(index: number): void {
    const tokens = this.tokens;
    let k = this.skipFlags(index + 1);
    const verb = tokens[k];
    if (!isWord(verb)) return;
    const typed = KUBECTL_TYPED_VERBS.has(verb.lower);
    if (!typed && !KUBECTL_POD_FIRST_VERBS.has(verb.lower)) return;
    k = this.skipFlags(k + 1);
    if (typed) {
      const type = tokens[k];
      if (!isWord(type) || SLASH_KINDS.get(type.lower)?.role !== EntityRole.Pod) return;
      k = this.skipFlags(k + 1);
    }
    const read = this.readNameAfter(k, false);
    if (read !== null) this.offerName(EntityRole.Pod, read, Priority.Kubectl);
  }

  /** `pod=x`, `pod: x`, `"pod": "x"`, `namespace="prod"`, `k8s.pod.name=x`, `**Pod:** x`, `kind: Pod`. */
  private labelKey(index: number): void {
    const tokens = this.tokens;
    const keyToken = tokens[index] as Token;
    if (keyToken.text.length > KEY_MAX_LENGTH) return;
    // `app.kubernetes.io/name: x` is a label named `name`, not an object's name.
    if (isAttached(keyToken) && (isPunct(tokens[index - 1], '/') || isPunct(tokens[index - 1], '.'))) return;
    let k = index + 1;
    if (isQuote(tokens[k])) k++;
    for (let emphasis = 0; emphasis < 3 && isPunct(tokens[k], '*'); emphasis++) k++;
    const separator = tokens[k];
    const isEquals = isPunct(separator, '=');
    if (!isEquals && !isPunct(separator, ':')) return;
    k++;
    for (let emphasis = 0; emphasis < 3 && isPunct(tokens[k], '*'); emphasis++) k++;
    const key = normalizeKey(keyToken.lower);
    const kind: KindWord | undefined = LABEL_KEYS.get(key);
    if (key === 'kind') {
      const value = this.readNameAfter(k, false);
      if (value !== null && value.name.lower === 'pod') this.podKindSeen = true;
      return;
    }
    if (key === 'name') {
      const value = this.readNameAfter(k, false);
      if (
        value !== null &&
        this.firstObjectName === null &&
        this.accepts(value.name, value.unambiguous, isDnsSubdomain)
      ) {
        this.firstObjectName = value;
      }
      return;
    }
    if (kind === undefined) {
      // `app=checkout` in a selector: the value names something, but not a pod.
      if (isEquals && isAttached(separator) && isAttached(tokens[k])) this.consumeRun(k);
      return;
    }
    const read = this.readNameAfter(k, kind.role === EntityRole.Pod);
    if (read === null) return;
    if (kind.role === EntityRole.Other) {
      this.consume(read.nameIndex);
      return;
    }
    // After `=` only a value can follow; after `:` prose may (`Pod: is failing`), so common words are left out.
    this.offerName(kind.role, isEquals ? { ...read, unambiguous: true } : read, Priority.Explicit, kind.workloadKind);
  }

  /** `pod/web-1`, `pods/web-1`, `deployment.apps/api`, `ns/shop`, `namespaces/shop/pods/web-1`, `node/x`. */
  private slashKind(index: number): void {
    const tokens = this.tokens;
    const kindToken = tokens[index] as Token;
    const slash = tokens[index + 1];
    const name = tokens[index + 2];
    if (!isPunct(slash, '/') || !isAttached(slash) || !isWord(name) || !isAttached(name)) return;
    if (kindToken.text.length > KEY_MAX_LENGTH) return;
    let kindName = kindToken.lower;
    const dot = kindName.indexOf('.');
    if (dot >= 0) {
      if (!API_GROUP_SUFFIXES.has(kindName.slice(dot + 1))) return;
      kindName = kindName.slice(0, dot);
    }
    const kind = SLASH_KINDS.get(kindName);
    if (kind === undefined) return;
    this.consume(index + 2);
    if (kind.role === EntityRole.Other) return;
    const read: NameRead = { name, nameIndex: index + 2, namespace: null, unambiguous: true, next: index + 3 };
    this.offerName(kind.role, read, Priority.Explicit, kind.workloadKind);
  }

  /** `pod web-1`, `Pod 'web-1'`, `pod named web-1`, `Pod prod/web-1 (app)`, `namespace shop`, `container app`. */
  private leadingMarker(index: number): void {
    const tokens = this.tokens;
    const marker = tokens[index] as Token;
    const kind = MARKER_WORDS.get(marker.lower) ?? LEADING_ONLY_MARKER_WORDS.get(marker.lower);
    if (kind === undefined) return;
    let k = index + 1;
    for (
      let fillers = 0;
      fillers < 2 && isWord(tokens[k]) && MARKER_FILLERS.has((tokens[k] as Token).lower);
      fillers++
    ) {
      k++;
    }
    const allowPair = kind.role === EntityRole.Pod || kind.role === EntityRole.Workload;
    const read = this.readNameAfter(k, allowPair);
    if (read === null) return;
    this.offerName(kind.role, read, this.markerPriority(kind.role, read, Priority.LeadingMarker), kind.workloadKind);
  }

  /** `the web-1 pod`, `in the payments namespace`, `the app container`, `the checkout-api deployment`. */
  private trailingMarker(index: number): void {
    const marker = this.tokens[index] as Token;
    const kind = MARKER_WORDS.get(marker.lower);
    if (kind === undefined || !marker.spaced) return;
    const read = this.readNameBefore(index);
    if (read === null) return;
    const priority = kind.role === EntityRole.Namespace ? Priority.TrailingNamespaceMarker : Priority.TrailingMarker;
    this.offerName(kind.role, read, this.markerPriority(kind.role, read, priority), kind.workloadKind);
  }

  /** `node worker-2`, `image nginx-1`, `the checkout-api service`: names of other objects are never pods. */
  private otherObject(index: number): void {
    const tokens = this.tokens;
    const word = (tokens[index] as Token).lower;
    if (OTHER_OBJECT_WORDS_BEFORE_NAME.has(word)) {
      this.consume(isQuote(tokens[index + 1]) ? index + 2 : index + 1);
    }
    if (OTHER_OBJECT_WORDS_AFTER_NAME.has(word) && (tokens[index] as Token).spaced) {
      this.consume(isQuote(tokens[index - 1]) ? index - 2 : index - 1);
    }
  }

  /** `payments/checkout-api-7d9f8b6c5-x2k4p`: namespace/pod, as alerts and `kubectl get pods -A` users write it. */
  private namespacePodPair(index: number): void {
    const tokens = this.tokens;
    const namespace = tokens[index] as Token;
    const slash = tokens[index + 1];
    const pod = tokens[index + 2];
    if (!isPunct(slash, '/') || !isAttached(slash) || !isWord(pod) || !isAttached(pod)) return;
    const before = tokens[index - 1];
    if (isAttached(namespace) && before !== undefined && !isQuote(before) && !OPENERS.has(before.text)) return;
    const after = tokens[index + 3];
    if (isAttached(after) && (isPunct(after, '/') || isPunct(after, '@'))) return;
    // `bitnami/redis:7.2` is an image reference, while `shop/web-1: restarting` is prose.
    if (isAttached(after) && isPunct(after, ':') && isAttached(tokens[index + 4])) return;
    if (namespace.lower.includes('.') || SLASH_KINDS.has(namespace.lower) || this.consumed[index + 2] === 1) return;
    if (!this.accepts(namespace, false, isDnsLabel) || !this.accepts(pod, false, isDnsSubdomain)) return;
    const shape = podNameShape(pod.text);
    const generated = shape !== PodNameShape.Plain;
    if (!generated && !pod.text.includes('-')) return;
    this.pods.offer({
      value: pod.text,
      priority: (generated ? Priority.GeneratedPair : Priority.PlainPair) + this.symptomBonus(index + 2),
      index: index + 2,
      namespace: { value: namespace.text, index },
      container: this.containerInParentheses(index + 3),
    });
  }

  /** `coredns-5d78c9869d-x2k4p in kube-system`: system namespaces are recognised after a bare `in`. */
  private wellKnownNamespace(index: number): void {
    const token = this.tokens[index] as Token;
    if (!WELL_KNOWN_NAMESPACES.has(token.lower)) return;
    this.consume(index);
    const previous = this.tokens[index - 1];
    if (isWord(previous) && previous.lower === 'in' && token.spaced && !token.tainted) {
      this.namespaces.offer({ value: token.text, priority: Priority.WellKnownNamespace, index });
    }
  }

  /**
   * `kubectl get pods -A` pasted as text: after a `NAMESPACE NAME` header, each row starts with a namespace and
   * a pod, and ranks like a `namespace/pod` pair.
   */
  private tableRow(index: number): void {
    const tokens = this.tokens;
    const first = tokens[index] as Token;
    const previous = tokens[index - 1];
    if (previous !== undefined && previous.line === first.line) return;
    const second = tokens[index + 1];
    if (!isWord(second) || second.line !== first.line || !second.spaced) return;
    if (first.text === 'NAMESPACE' && second.text === 'NAME') {
      this.tableHeaderLine = first.line;
      return;
    }
    if (this.tableHeaderLine < 0 || first.line <= this.tableHeaderLine) return;
    if (!this.accepts(first, false, isDnsLabel) || !this.accepts(second, false, isDnsSubdomain)) return;
    const generated = podNameShape(second.text) !== PodNameShape.Plain;
    this.pods.offer({
      value: second.text,
      priority: (generated ? Priority.GeneratedPair : Priority.PlainPair) + this.symptomBonus(index),
      index: index + 1,
      namespace: { value: first.text, index },
    });
    this.consume(index);
  }

  /** Last resort: a bare token that looks like a pod name, generated shapes first. */
  private bareTokens(): void {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.kind !== TokenKind.Word || this.consumed[i] === 1 || token.text.includes('.')) continue;
      if (!this.accepts(token, false, isDnsSubdomain) || WELL_KNOWN_NAMESPACES.has(token.lower)) continue;
      const before = tokens[i - 1];
      if (isAttached(token) && before !== undefined && !isQuote(before) && !OPENERS.has(before.text)) continue;
      const after = tokens[i + 1];
      if (isAttached(after) && (isPunct(after, '/') || isPunct(after, '@') || isPunct(after, '='))) continue;
      if (isAttached(after) && isPunct(after, ':') && isAttached(tokens[i + 2])) continue;
      const priority = bareTokenPriority(token.text);
      if (priority !== null)
        this.pods.offer({ value: token.text, priority: priority + this.symptomBonus(i), index: i });
    }
  }
}

function isLettersOnly(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * `pod scheduled`, `container started`: an English past participle after a marker is prose. Names ending in
 * `-eed` (`seed`, `feed`) and short ones (`red`) are left alone.
 */
function isPastParticiple(word: string): boolean {
  return word.length >= 6 && word.endsWith('ed') && !word.endsWith('eed') && isLettersOnly(word);
}

function bareTokenPriority(name: string): number | null {
  const shape = podNameShape(name);
  const looksLikeNode = NODE_NAME_PREFIXES.has(name.split('-', 1)[0] ?? '');
  // `node-1`, `worker-2`, `ip-10-0-1-23` are where pods run; `node-exporter-x2k4p` is still a pod.
  if (looksLikeNode && shape !== PodNameShape.ReplicaSetPod && shape !== PodNameShape.GeneratedSuffixPod) return null;
  switch (shape) {
    case PodNameShape.ReplicaSetPod:
      return Priority.ReplicaSetShape;
    case PodNameShape.OrdinalPod:
    case PodNameShape.GeneratedSuffixPod:
      return Priority.OtherGeneratedShape;
    default: {
      if (!name.includes('-')) return null;
      // `follow-up`, `read-only`, `up-to-date`: hyphenated prose, not a name.
      const proseOnly = name.split('-').every((segment) => STOP_WORDS.has(segment) || segment.length <= 2);
      return proseOnly ? null : Priority.Hyphenated;
    }
  }
}

function defaultNamespaceFrom(options: ExtractEntitiesOptions | undefined): string {
  const configured: unknown = options?.defaultNamespace;
  return typeof configured === 'string' && isDnsLabel(configured) ? configured : 'default';
}

/**
 * Works out which pod, namespace, container and workload a free-text incident description is about, and
 * which Kubernetes symptoms it mentions. Pure and synchronous; linear in the input; never throws.
 * The phrasings understood and the precedence between them are documented in docs/extraction.md.
 */
export function extractEntities(description: string, options: ExtractEntitiesOptions): ExtractionResult {
  const text = typeof description === 'string' ? truncateAtWordBoundary(description, MAX_SCANNED_CHARS) : '';
  const tokens = tokenize(text);
  const { symptoms, clauses } = findSymptoms(tokens);
  const scanner = new EntityScanner(tokens, clauses);
  scanner.scan();

  const pod = scanner.pods.best;
  if (pod?.namespace) {
    scanner.namespaces.offer({
      value: pod.namespace.value,
      priority: Priority.LeadingMarker,
      index: pod.namespace.index,
    });
  }
  if (pod?.container)
    scanner.containers.offer({ value: pod.container, priority: Priority.ParenContainer, index: pod.index });
  const named = scanner.namespaces.best?.value ?? null;
  const workload = scanner.workloads.best;

  let namespace: string | null = named;
  let namespaceSource: NamespaceSource | null = named === null ? null : NamespaceSource.Description;
  if (pod !== null && named === null) {
    namespace = defaultNamespaceFrom(options);
    namespaceSource = NamespaceSource.Default;
  }
  return {
    pod_name: pod?.value ?? null,
    namespace,
    namespace_source: namespaceSource,
    container: scanner.containers.best?.value ?? null,
    symptoms,
    workload: workload?.value ?? null,
    workload_kind: workload?.workloadKind ?? null,
  };
}
