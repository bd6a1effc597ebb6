import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosisCategory, type Evidence, EvidenceSchema, type ExtractedEntities } from '@sre-orchestrator/contracts';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import { type KnowledgeGraph, knowledgeGraphFromDocument } from '../../knowledge-graph/index.js';
import { resolveNow } from '../context.js';
import { buildEvidence, CorpusFormatError } from './build-evidence.js';

/** What a scenario expects; `sub_cause` and `container` are checked only when given. */
export interface Expectation {
  category: DiagnosisCategory;
  sub_cause?: string | null;
  container?: string | null;
}

/** One expanded scenario, ready for `diagnose`. */
export interface CorpusCase {
  /** File name without extension. */
  id: string;
  file: string;
  description: string;
  now: Date;
  entities: ExtractedEntities | null;
  evidence: Evidence;
  graph: KnowledgeGraph | null;
  expected: Expectation;
}

const CATEGORIES = new Set<string>(Object.values(DiagnosisCategory));
const SCENARIO_FILE = /\.(?:ya?ml|json)$/i;

/**
 * Reads one scenario file: YAML or JSON with `description`, `now`, `expected`, `evidence` (compact or
 * full) and optionally `entities` and an inline `knowledge_graph`. Throws with the file name on any problem.
 */
export function loadCorpusCase(file: string): CorpusCase {
  const id = file.replace(/^.*[\\/]/, '').replace(SCENARIO_FILE, '');
  try {
    const doc = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    if (!doc || typeof doc !== 'object') throw new CorpusFormatError('empty scenario');
    // `expected_category` / `expected_sub_cause` / `expected_container` are accepted as a flat spelling.
    const expected =
      (doc.expected as Expectation | undefined) ??
      (doc.expected_category === undefined
        ? undefined
        : ({
            category: doc.expected_category,
            sub_cause: doc.expected_sub_cause,
            container: doc.expected_container,
          } as Expectation));
    if (!expected || !CATEGORIES.has(expected.category)) {
      throw new CorpusFormatError(`expected.category must be one of ${[...CATEGORIES].join(', ')}`);
    }
    const now = typeof doc.now === 'string' ? doc.now : null;
    const evidence = buildEvidence(doc.evidence ?? {}, now);
    if (!Value.Check(EvidenceSchema, evidence)) {
      const first = Value.Errors(EvidenceSchema, evidence)[0];
      throw new CorpusFormatError(
        `expanded evidence is not contract Evidence: ${first?.instancePath} ${first?.message}`,
      );
    }
    // Without `now`, the engine's own rule applies: collected_at, else the latest timestamp in the evidence.
    const nowDate = now ? new Date(now) : resolveNow(evidence);
    if (Number.isNaN(nowDate.getTime())) throw new CorpusFormatError(`now is not a timestamp: ${now}`);
    const pod = evidence.pod_details;
    const entities =
      doc.entities === null
        ? null
        : ((doc.entities as ExtractedEntities | undefined) ?? {
            pod_name: pod?.name ?? null,
            namespace: pod?.namespace ?? null,
          });
    const graph = doc.knowledge_graph ? knowledgeGraphFromDocument(doc.knowledge_graph, `${id}#knowledge_graph`) : null;
    return { id, file, description: String(doc.description ?? ''), now: nowDate, entities, evidence, graph, expected };
  } catch (error) {
    throw new CorpusFormatError(`${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Every scenario in a directory (not recursive), sorted by file name; files starting with `_` are skipped. */
export function loadCorpus(dir: string): CorpusCase[] {
  return readdirSync(dir)
    .filter((f) => SCENARIO_FILE.test(f) && !f.startsWith('_'))
    .sort()
    .map((f) => loadCorpusCase(join(dir, f)));
}
