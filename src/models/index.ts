export * from "./messages.js";
export type { ModelBackend, ModelRequest, ModelResponse, ToolSpec } from "./model-backend.js";
export { openAICompatibleModel, type OpenAICompatibleModelOptions } from "./openai-compatible/openai-compatible-model.js";
export type { ImagePlacement } from "./openai-compatible/openai-messages.js";
export { langchainModel, type LangChainModelOptions } from "./langchain/langchain-model.js";
export { callModel } from "./call-model.js";
