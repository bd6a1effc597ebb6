import { describe, expect, it } from 'vitest';
import {
  type ExtractionResult,
  extractEntities,
  isDnsLabel,
  isDnsSubdomain,
  MAX_SCANNED_CHARS,
  Symptom,
  WorkloadKind,
} from '../../../src/extraction/index.js';

const options = { defaultNamespace: 'default' };
const symptoms = new Set<string>(Object.values(Symptom));
const workloadKinds = new Set<string>(Object.values(WorkloadKind));

/** Deterministic PRNG (mulberry32) so a failing random input can be reproduced from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that exercise every branch of the scanner when strung together at random. */
const FRAGMENTS = [
  'pod',
  'Pod',
  'pods',
  'namespace',
  'ns',
  'container',
  'deployment',
  'kubectl',
  'logs',
  'describe',
  'get',
  '-n',
  '--namespace',
  '-c',
  '-l',
  '--',
  'web-1',
  'api-7d9f8b6c5-x2k4p',
  'shop',
  'kube-system',
  'in',
  'the',
  'a-',
  '-a',
  'A',
  '_',
  '.',
  '/',
  '=',
  ':',
  '"',
  "'",
  '`',
  '(',
  ')',
  '{',
  '}',
  '*',
  ',',
  '@',
  ' ',
  ' ',
  ' ',
  '\n',
  '\t',
  '\u0000',
  '\u007f',
  '\u00e9',
  '\u200b',
  '\u202e',
  '\u2011',
  '\u00a0',
  '\u201c',
  '\u00ab',
  '\u05e9\u05dc\u05d5\u05dd',
  '\u4f60\u597d',
  '\ud83d\udd25',
  '\ud83d',
  '\udd25',
  'https://',
  'CrashLoopBackOff',
  'crash',
  'loop',
  "'s",
];

function randomDescription(next: () => number, length: number): string {
  let text = '';
  while (text.length < length) {
    if (next() < 0.15) {
      text += String.fromCharCode(Math.floor(next() * 0x10000));
    } else {
      text += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
    }
  }
  return text;
}

function expectWellFormed(result: ExtractionResult): void {
  if (result.pod_name !== null) {
    expect(isDnsSubdomain(result.pod_name), `pod ${result.pod_name}`).toBe(true);
    expect(result.namespace).not.toBeNull();
  }
  if (result.namespace !== null) expect(isDnsLabel(result.namespace), `namespace ${result.namespace}`).toBe(true);
  if (result.container !== null) expect(isDnsLabel(result.container), `container ${result.container}`).toBe(true);
  if (result.workload !== null) {
    expect(isDnsSubdomain(result.workload), `workload ${result.workload}`).toBe(true);
    expect(workloadKinds.has(result.workload_kind ?? '')).toBe(true);
  }
  expect([null, 'description', 'default']).toContain(result.namespace_source);
  expect(result.namespace_source === null).toBe(result.namespace === null);
  for (const symptom of result.symptoms) expect(symptoms.has(symptom)).toBe(true);
}

/** Timing tests share CPUs with whatever else runs; they get room well beyond the default 5 s. */
const TIMING_TEST_TIMEOUT_MS = 60_000;

/**
 * CPU milliseconds this process spends on `calls` extractions. CPU time rather than wall time: on a machine
 * shared with other test runs, wall time mostly measures how long the process waited for a core.
 */
function cpuMsForCalls(description: string, calls: number): number {
  const start = process.cpuUsage();
  for (let call = 0; call < calls; call++) extractEntities(description, options);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * CPU milliseconds for `small` and for `large`, each the least of several samples taken alternately. Both are
 * warmed up first, so that the JIT compiler is not measured, and each sample repeats the call until the small
 * input takes a few milliseconds, well above the clock's resolution.
 */
function compareCpuMs(small: string, large: string): { smallMs: number; largeMs: number } {
  cpuMsForCalls(small, 10);
  cpuMsForCalls(large, 10);
  const warm = cpuMsForCalls(small, 10) / 10;
  const calls = Math.min(1000, Math.max(1, Math.ceil(5 / Math.max(warm, 0.005))));
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let sample = 0; sample < 7; sample++) {
    smallMs = Math.min(smallMs, cpuMsForCalls(small, calls));
    largeMs = Math.min(largeMs, cpuMsForCalls(large, calls));
  }
  return { smallMs, largeMs };
}

/** Inputs built to defeat backtracking or look-around: long runs of near-matches. */
const ADVERSARIAL: Record<string, (length: number) => string> = {
  'hyphen runs': (length) => 'a-'.repeat(length / 2),
  'a slash chain': (length) => 'a/'.repeat(length / 2),
  'repeated markers': (length) => 'pod '.repeat(length / 4),
  'markers without spaces': (length) => 'pod=pod:'.repeat(length / 8),
  'unclosed quotes': (length) => "pod '".repeat(length / 5),
  'kubectl with flags': (length) => 'kubectl -l a=b '.repeat(length / 15),
  'label sets': (length) => '{pod="a",'.repeat(length / 9),
  'namespace pairs': (length) => 'ab/cd-1 '.repeat(length / 8),
  'one huge word': (length) => 'a'.repeat(length),
  'dots and underscores': (length) => '._'.repeat(length / 2),
  'generated-looking names': (length) => 'web-7d9f8b6c5-x2k4p '.repeat(length / 20),
  'url-like runs': (length) => 'x://'.repeat(length / 4),
};

describe('extractEntities on hostile input', () => {
  it('when given 2 000 random strings of printable, control, unicode and lone-surrogate characters, then it never throws and only returns valid names', () => {
    // Arrange
    const next = random(20261203);

    for (let sample = 0; sample < 2000; sample++) {
      const description = randomDescription(next, Math.floor(next() * 400));

      // Act
      const result = extractEntities(description, options);

      // Assert
      expectWellFormed(result);
    }
  });

  it.each(Object.entries(ADVERSARIAL))(
    'when given 200 000 characters of %s, then it takes under 200 ms of CPU',
    (_, build) => {
      // Arrange: a warm-up call, so that the bound measures the scanner rather than the JIT compiler.
      const description = build(200_000);
      extractEntities(build(1_000), options);

      // Act: the best of three, so that one GC pause does not fail the test.
      const elapsedMs = Math.min(
        cpuMsForCalls(description, 1),
        cpuMsForCalls(description, 1),
        cpuMsForCalls(description, 1),
      );
      const result = extractEntities(description, options);

      // Assert
      expectWellFormed(result);
      expect(elapsedMs).toBeLessThan(200);
    },
    TIMING_TEST_TIMEOUT_MS,
  );

  it.each(Object.entries(ADVERSARIAL))(
    'when %s grow fourfold, then the time grows about fourfold, not sixteenfold',
    (_, build) => {
      // Arrange: both sizes stay under the scanning cap, so the scanner really reads four times as much.
      const small = build(MAX_SCANNED_CHARS / 4);
      const large = build(MAX_SCANNED_CHARS);

      // Act
      const { smallMs, largeMs } = compareCpuMs(small, large);

      // Assert: linear is 4, quadratic would be 16; the bound leaves room for noise.
      expect(largeMs / smallMs).toBeLessThan(10);
    },
    TIMING_TEST_TIMEOUT_MS,
  );

  it('when the pod is named only beyond the scanning cap, then it is not found', () => {
    // Arrange
    const description = `${' '.repeat(MAX_SCANNED_CHARS)} pod web-1`;

    // Act
    const result = extractEntities(description, options);

    // Assert
    expect(result.pod_name).toBeNull();
  });

  it('when a name sits right before the cap, then it is found', () => {
    // Arrange
    const description = `${' '.repeat(MAX_SCANNED_CHARS - 12)}pod web-1 and more text after the cap`;

    // Act
    const result = extractEntities(description, options);

    // Assert
    expect(result.pod_name).toBe('web-1');
  });

  it('when the cap falls inside a name, then the cut-off part is not taken for a name', () => {
    // Arrange: `web-12` straddles the cap; cut there it would read as the wrong pod `web-1`.
    const description = `${' '.repeat(MAX_SCANNED_CHARS - 5)}web-12 is down`;

    // Act
    const result = extractEntities(description, options);

    // Assert
    expect(result.pod_name).toBeNull();
  });

  it('when names are longer than Kubernetes allows, then they are rejected', () => {
    // Arrange
    const longPod = `a${'-b'.repeat(127)}`;
    const longNamespace = 'n'.repeat(64);

    // Act
    const result = extractEntities(`pod ${longPod} namespace ${longNamespace}`, options);

    // Assert
    expect(longPod.length).toBe(255);
    expect(result.pod_name).toBeNull();
    expect(result.namespace).toBeNull();
  });

  it('when names are exactly as long as Kubernetes allows, then they are accepted', () => {
    // Arrange
    const pod = `a${'-b'.repeat(126)}`;
    const namespace = 'n'.repeat(63);

    // Act
    const result = extractEntities(`pod ${pod} namespace ${namespace}`, options);

    // Assert
    expect(pod.length).toBe(253);
    expect(result.pod_name).toBe(pod);
    expect(result.namespace).toBe(namespace);
  });

  it.each([
    ['null bytes', 'pod\u0000web-1'],
    ['RTL override around a name', 'pod \u202eweb-1\u202c is down'],
    ['a lone surrogate', 'pod web-1\ud800'],
    ['only emoji', '\ud83d\udd25'.repeat(1000)],
    ['Hebrew text', '\u05e4\u05d5\u05d3 web-1 \u05e0\u05e4\u05dc'],
  ])('when given %s, then it returns well-formed entities', (_, description) => {
    // Act
    const result = extractEntities(description, options);

    // Assert
    expectWellFormed(result);
  });

  it('when called without a string or options, as plain JavaScript callers might, then it does not throw', () => {
    // Arrange
    const call = extractEntities as (description: unknown, options?: unknown) => ExtractionResult;

    // Act
    const results = [call(undefined), call(null, null), call(42, {}), call({ pod: 'x' }, { defaultNamespace: 7 })];

    // Assert
    for (const result of results) expect(result.pod_name).toBeNull();
    expect(call('pod web-1', undefined).namespace).toBe('default');
  });
});
