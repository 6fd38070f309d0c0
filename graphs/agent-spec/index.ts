export { AgentSpecSchema, type AgentSpec, saveAgentSpec, loadAgentSpec } from "./agent-spec.js";
export { DIALECTS_BY_NAME, dialectByName } from "./dialect-by-name.js";
export { modelFromSpec, isHostedR1V4Spec, type SpecEnvironment } from "./model-from-spec.js";
export { agentFromSpec, toolsFromSpec, graphFromSpec, type AgentFromSpecOptions } from "./agent-from-spec.js";
