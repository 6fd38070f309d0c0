export { hostedR1V4Agent, type HostedR1V4AgentOptions } from "./hosted-r1v4-agent.js";
export { forkHostedTrace, type ForkHostedTraceOptions } from "./fork-hosted-trace.js";
