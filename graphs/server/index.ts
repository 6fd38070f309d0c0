/**
 * interleaf on LangGraph's own server (`langgraphjs dev`, `@langchain/langgraph-api`): a graph
 * factory `langgraph.json` can point at, whose runtime comes from serialisable configuration, and
 * a route serving the images tools produce. See the guide "Deploying on LangGraph Server".
 *
 * @packageDocumentation
 * @module interleaf/server
 */
export { serverGraph, type ServerGraphFactory, type ServerGraphRuntime } from "./server-graph.js";
export { ServerConfigSchema, type ServerConfig, type ServerGraphOptions } from "./server-config.js";
export { imageRoute, type ImageRouteOptions } from "./image-route.js";
