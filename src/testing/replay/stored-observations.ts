import { InterleafError } from "../../errors/index.js";
import { testingError } from "../testing-error.js";
import type { TrajectoryStep } from "../../state/trajectory.js";
import type { AnyTool, ToolOutput } from "../../tools/tool.js";
import { stableStringify } from "../../util/stable-json.js";

/**
 * The agent's tools with `execute` replaced by a lookup into a stored trajectory: a call with the
 * same tool name and (parsed) arguments gets the stored observation (its text, images and data,
 * or its error again), in order when the same call was made several times. Input schemas are
 * kept, so arguments parse exactly as they did. A call that was never made is a
 * `cassette_mismatch`. Nothing runs: no sandbox, no network, no image processing.
 */
export function storedObservationTools(steps: readonly TrajectoryStep[], tools: readonly AnyTool[]): AnyTool[] {
  const queues = new Map<string, TrajectoryStep["calls"]>();
  for (const step of steps) {
    for (const call of step.calls) {
      const key = `${call.name} ${stableStringify(call.arguments ?? null)}`;
      queues.set(key, [...(queues.get(key) ?? []), call]);
    }
  }
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input: tool.input,
    ...(tool.example ? { example: tool.example } : {}),
    async execute(input: unknown): Promise<ToolOutput> {
      const key = `${tool.name} ${stableStringify(JSON.parse(JSON.stringify(input ?? null)))}`;
      const call = queues.get(key)?.shift();
      if (!call) {
        throw testingError("cassette_mismatch", `the stored thread has no ${tool.name} call with arguments ${stableStringify(input)}: the re-run diverged from the stored trajectory`);
      }
      const observation = call.observation;
      if (observation.error) throw InterleafError.fromJSON(observation.error);
      return { text: observation.text, images: structuredClone(observation.images), ...(observation.data !== undefined ? { data: structuredClone(observation.data) } : {}) };
    },
  }));
}
