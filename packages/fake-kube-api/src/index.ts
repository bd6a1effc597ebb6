/**
 * @sre-orchestrator/fake-kube-api: a fake Kubernetes API server (HTTPS, bearer token, real Status bodies) holding
 * the built-in incident scenarios, for tests, the benchmark and the local demo.
 */
export {
  DEFAULT_IDENTITY,
  type FakeKubeApi,
  type FakeKubeApiOptions,
  type RecordedRequest,
  startFakeKubeApi,
} from './fake-kube-api.js';
export { findScenario, SCENARIOS } from './scenarios/index.js';
export type {
  ContainerLogs,
  CoreEvent,
  LogLine,
  LogSource,
  OwnerObject,
  Scenario,
  ScenarioFixture,
} from './scenarios/scenario.js';
