export { describePluginConformance } from './conformance';
export type { ConformanceOptions, ConformanceScenario, ConformanceSetup, ScenarioFactory } from './conformance';
export { startFakeHttpProvider } from './fake-http-provider';
export type { CapturedRequest, FakeHttpProvider, ScriptedResponse } from './fake-http-provider';
export { describeNotifierBundle, FAKE_SANDBOX_SETTINGS } from './notifier-bundle-suite';
export { loadPrunedModule, loadPrunedPlugin } from './pruned-bundle';
export type { BundledPlugin, PrunedModule } from './pruned-bundle';
