import { readFileSync } from 'node:fs';
import { Value } from 'typebox/value';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { KnowledgeGraph } from './knowledge-graph.js';
import { type Component, KnowledgeGraphFileSchema } from './knowledge-graph-schema.js';

/** A knowledge-graph file that cannot be used; the message names the file and the problem. */
export class KnowledgeGraphError extends Error {
  override readonly name = 'KnowledgeGraphError';
  readonly source: string;

  constructor(source: string, problem: string, options?: { cause?: unknown }) {
    super(`knowledge graph ${source}: ${problem}`, options);
    this.source = source;
  }
}

/**
 * Reads and validates a knowledge-graph YAML file. Meant to run once at startup, so a broken
 * file stops the orchestrator with a clear message rather than silently weakening diagnoses.
 */
export function loadKnowledgeGraph(path: string): KnowledgeGraph {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KnowledgeGraphError(path, `cannot be read (${code ?? (error as Error).message})`, { cause: error });
  }
  return parseKnowledgeGraph(text, path);
}

/** Parses and validates knowledge-graph YAML; `sourceName` names it in error messages. */
export function parseKnowledgeGraph(text: string, sourceName: string): KnowledgeGraph {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      const where = position ? `line ${position.line}, column ${position.col}` : 'unknown position';
      const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
      throw new KnowledgeGraphError(sourceName, `invalid YAML at ${where}: ${reason}`, { cause: error });
    }
    throw new KnowledgeGraphError(sourceName, `invalid YAML: ${(error as Error).message}`, { cause: error });
  }
  return knowledgeGraphFromDocument(document, sourceName);
}

/** Validates an already-parsed knowledge-graph document (e.g. one inlined in a corpus scenario). */
export function knowledgeGraphFromDocument(document: unknown, sourceName: string): KnowledgeGraph {
  if (document === null || document === undefined) {
    throw new KnowledgeGraphError(sourceName, 'is empty; expected a top-level `components:` list');
  }
  if (!Value.Check(KnowledgeGraphFileSchema, document)) {
    const first = Value.Errors(KnowledgeGraphFileSchema, document)[0];
    if (first?.message === 'schema is false') {
      // An `additionalProperties: false` violation is reported at the offending key itself.
      const parent = first.instancePath.split('/').slice(0, -1).join('/');
      const key = first.instancePath.split('/').at(-1);
      throw new KnowledgeGraphError(sourceName, `${describePath(parent, document)}unknown field "${key}"`);
    }
    const path = first ? describePath(first.instancePath, document) : '';
    const detail = first ? describeError(first) : 'does not match the expected shape';
    throw new KnowledgeGraphError(sourceName, `${path}${detail}`);
  }

  const components = document.components;
  const seen = new Map<string, number>();
  components.forEach((component, index) => {
    const earlier = seen.get(component.name);
    if (earlier !== undefined) {
      throw new KnowledgeGraphError(
        sourceName,
        `duplicate component name "${component.name}" (components[${earlier}] and components[${index}])`,
      );
    }
    seen.set(component.name, index);
  });
  for (const component of components) {
    for (const dependency of component.depends_on ?? []) {
      if (!seen.has(dependency)) {
        throw new KnowledgeGraphError(
          sourceName,
          `component "${component.name}" depends_on unknown component "${dependency}"`,
        );
      }
      if (dependency === component.name) {
        throw new KnowledgeGraphError(sourceName, `component "${component.name}" depends on itself`);
      }
    }
  }
  return new KnowledgeGraph(components as Component[], sourceName);
}

/** `/components/2/depends_on` → `components[2] ("cart").depends_on: ` so the reader can find the spot. */
function describePath(instancePath: string, document: unknown): string {
  if (instancePath === '') return '';
  const segments = instancePath.split('/').slice(1);
  let out = '';
  let node: unknown = document;
  for (const segment of segments) {
    const isIndex = /^\d+$/.test(segment);
    out += isIndex ? `[${segment}]` : out === '' ? segment : `.${segment}`;
    node = (node as Record<string, unknown> | undefined)?.[segment];
    const name = (node as { name?: unknown } | undefined)?.name;
    if (isIndex && typeof name === 'string') out += ` ("${name}")`;
  }
  return `${out}: `;
}

function describeError(error: { keyword: string; message: string; params?: unknown }): string {
  const params = (error.params ?? {}) as Record<string, unknown>;
  if (error.keyword === 'required' && Array.isArray(params.requiredProperties)) {
    return `missing required field ${params.requiredProperties.map((p) => `"${p}"`).join(', ')}`;
  }
  if (error.keyword === 'additionalProperties' && Array.isArray(params.additionalProperties)) {
    return `unknown field ${params.additionalProperties.map((p) => `"${p}"`).join(', ')}`;
  }
  return error.message;
}
