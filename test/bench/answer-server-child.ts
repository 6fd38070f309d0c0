// Child of eval-throughput.bench.ts: the model server in a process of its own, as a real one is (vLLM,
// SGLang), so that its request handling is not counted as interleaf's CPU nor competes with its event
// loop. Answers every turn after the latency given on the command line; prints its base URL.
import { startAnswerServer } from "../eval/runs/openai-answer-server.js";

const latencyMs = Number(process.argv[2] ?? 200);
const server = await startAnswerServer(() => ({ text: "<think>Easy.</think>\n<answer>42</answer>" }), latencyMs);
process.stdout.write(`${server.baseUrl}\n`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
