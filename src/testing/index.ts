export { scriptedModel, type ScriptedModel, type ScriptedModelOptions, type ScriptedTurn } from "./scripted-model.js";
export { imageStoreConformance, type ImageStoreConformanceOptions } from "./conformance/image-store.js";
export { resultCacheConformance, type ResultCacheConformanceOptions } from "./conformance/result-cache.js";
export { checkpointerConformance, type CheckpointerConformanceOptions } from "./conformance/checkpointer.js";
