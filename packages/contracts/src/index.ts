/**
 * @sre-orchestrator/contracts: the wire schemas both services share.
 * One TypeBox schema per wire type, used for validation, for the static types and for OpenAPI.
 */
export * from './common.js';
export * from './diagnosis.js';
export * from './error.js';
export * from './events.js';
export * from './incident.js';
export * from './kubernetes-names.js';
export * from './logs.js';
export * from './pod.js';
