export { textSearchTool, type TextSearchToolOptions } from "./text-search-tool.js";
export { imageSearchTool, type ImageSearchToolOptions } from "./image-search-tool.js";
export { webVisitTool, type WebVisitToolOptions } from "./web-visit-tool.js";
export { searchTools, type SearchToolsOptions } from "./search-tools.js";
export type { SearchCallOptions } from "./run-search-item.js";
export type { ResultImageOptions } from "./result-images.js";
