/** Scoring the engine against a corpus of scenarios (`npm run eval`). */
export * from './build-evidence.js';
export * from './corpus.js';
export * from './score-corpus.js';
