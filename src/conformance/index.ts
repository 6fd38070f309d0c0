export { modelBackendConformance, type ModelBackendConformanceOptions } from "./model-backend.js";
export { dialectConformance, type DialectConformanceOptions } from "./dialect.js";
export { toolConformance, type ToolConformanceOptions, type ToolConformanceCase } from "./tool.js";
export { imageStoreConformance, type ImageStoreConformanceOptions } from "./image-store.js";
export { resultCacheConformance, type ResultCacheConformanceOptions } from "./result-cache.js";
export { checkpointerConformance, type CheckpointerConformanceOptions } from "./checkpointer.js";
export {
  searchBackendConformance,
  imageSearchBackendConformance,
  pageFetcherConformance,
  type SearchBackendConformanceOptions,
  type ImageSearchBackendConformanceOptions,
  type PageFetcherConformanceOptions,
} from "./search-backend.js";
export { codeSandboxConformance, type CodeSandboxConformanceOptions } from "./code-sandbox.js";
export { plannerConformance, type PlannerConformanceOptions } from "./planner.js";
export { summarizerConformance, type SummarizerConformanceOptions } from "./summarizer.js";
export { imageHostConformance, type ImageHostConformanceOptions } from "./image-host.js";
