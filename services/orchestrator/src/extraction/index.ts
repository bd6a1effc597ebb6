/**
 * Entity extraction: which pod, namespace, container and workload an incident description is about,
 * and which Kubernetes symptoms it mentions. See docs/extraction.md.
 */
export {
  type ExtractEntitiesOptions,
  type ExtractionResult,
  extractEntities,
  MAX_SCANNED_CHARS,
  NamespaceSource,
} from './extract-entities.js';
export { Symptom } from './find-symptoms.js';
export { isDnsLabel, isDnsSubdomain } from './kubernetes-names.js';
export { WorkloadKind } from './vocabulary.js';
