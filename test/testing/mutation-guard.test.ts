import { describe, expect, it } from "vitest";
import { InterleafError, createGraphAgent, openStorage, r1v4Dialect, type AgentStateValue } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { checkpointerConformance } from "interleaf/conformance";
import { MutationGuardCheckpointer, expectNoCheckpointMutation, isTestingError, scriptedModel } from "interleaf/testing";

const storage = async (checkpointer: MutationGuardCheckpointer) => ({ ...(await openStorage("memory")), checkpointer });
const script = ['<think>.</think><tool_call>{"name": "nothing", "arguments": {}}</tool_call>', "<think>.</think><answer>done</answer>"];

describe("a checkpointer that fails a test when a stored checkpoint is mutated after writing", () => {
  it("passes a well-behaved run", async () => {
    const checkpointer = new MutationGuardCheckpointer();
    const agent = createGraphAgent({ graph: interleavedGraph(), dialect: r1v4Dialect(), model: scriptedModel(script), storage: await storage(checkpointer) });
    const result = await agent.run({ question: "?" });
    expect(result.status).toBe("answered");
    expectNoCheckpointMutation(checkpointer);
  });

  it("catches a node that mutates checkpointed state in place, naming the channel and path", async () => {
    const checkpointer = new MutationGuardCheckpointer();
    // A buggy plan node: edits the budgets object it was given instead of returning an update.
    const sloppyPlan = async (state: AgentStateValue) => {
      state.budgets.maxToolCalls = 99;
      return {};
    };
    const agent = createGraphAgent({ graph: interleavedGraph({ plan: sloppyPlan }), dialect: r1v4Dialect(), model: scriptedModel(script), storage: await storage(checkpointer) });
    // The guard's error surfaces either from run() or as the failed result's error.
    const outcome = await agent.run({ question: "?" }).then(
      (result) => result.error,
      (error: unknown) => (InterleafError.isInstance(error) ? error : { code: "other", message: String(error) }),
    );
    expect(outcome?.code).toBe("checkpoint_mutated");
    expect(outcome?.message).toMatch(/"budgets".* at maxToolCalls: 16 → 99\. A node or tool mutated state in place/);
    let verified: unknown;
    try {
      checkpointer.verify();
    } catch (error) {
      verified = error;
    }
    expect(InterleafError.isInstance(verified) && isTestingError(verified, "checkpoint_mutated")).toBe(true);
  });
});

checkpointerConformance("MutationGuardCheckpointer over MemorySaver", () => new MutationGuardCheckpointer(), { langgraphName: "MemorySaver" });
