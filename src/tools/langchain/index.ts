/**
 * LangChain tools both ways: {@link fromLangChainTool} gives an interleaf agent any LangChain tool
 * (`tool()`, `StructuredTool`, `@langchain/tavily`, …); {@link toLangChainTool} gives LangGraph's
 * `ToolNode` and `createReactAgent` an interleaf tool, images included.
 *
 * @packageDocumentation
 * @module interleaf/langchain
 */
export { fromLangChainTool, type FromLangChainToolOptions, type LangChainTool } from "./from-langchain-tool.js";
export { toLangChainTool, type LangChainToolRuntime } from "./to-langchain-tool.js";
