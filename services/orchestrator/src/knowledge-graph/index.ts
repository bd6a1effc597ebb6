/** The application's components and dependencies, loaded from YAML (KNOWLEDGE_GRAPH_PATH). */
export * from './knowledge-graph.js';
export * from './knowledge-graph-schema.js';
export * from './load-knowledge-graph.js';
