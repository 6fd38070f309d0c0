import { createGraphAgent, type Agent, type AgentOptions } from "../../src/executor/agent.js";
import { hostedR1V4Dialect } from "../../src/dialects/hosted-r1v4-dialect.js";
import { hostedR1V4Model, type HostedR1V4ModelOptions } from "../../src/models/skywork/hosted-r1v4-model.js";
import { interleavedGraph } from "../interleaved/interleaved-graph.js";

/** Options for {@link hostedR1V4Agent}: the agent's (model and dialect are set), and how to reach the API. */
export interface HostedR1V4AgentOptions extends Partial<Omit<AgentOptions, "dialect" | "graph">> {
  /** How to reach the hosted API, when `model` is not given. */
  api?: HostedR1V4ModelOptions;
}

/**
 * An agent on the hosted Skywork-R1V4 (`skywork/r1v4-lite`): R1V4's interleaved graph with
 * `hostedR1V4Dialect` and `hostedR1V4Model`. One model call runs the whole loop on the server;
 * the trace it returns becomes the trajectory (each server step marked `executedBy: "server"`,
 * its observation as the server wrote it), checkpointed like any run, visible in
 * `interleaf trajectory`, recordable and replayable with cassettes. No tools by default: the
 * server has its own. A truncated trace ends the run as malformed after one call
 * (`budgets.maxMalformedTurns` 1), since every call reruns the whole loop on the server.
 *
 * @example
 * ```ts
 * import { hostedR1V4Agent } from "interleaf/graphs";
 *
 * const agent = hostedR1V4Agent({ api: { apiKey: "sk-test", enableSearch: true }, storage: "memory" });
 * console.log(agent.options.dialect.name); // "hosted-r1v4"
 * ```
 */
export function hostedR1V4Agent(options: HostedR1V4AgentOptions = {}): Agent {
  const { api, model, budgets, ...rest } = options;
  return createGraphAgent({
    ...rest,
    graph: interleavedGraph(),
    model: model ?? hostedR1V4Model(api),
    dialect: hostedR1V4Dialect(),
    budgets: { maxMalformedTurns: 1, ...budgets },
  });
}
