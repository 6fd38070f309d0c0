// The graph LangGraph's server runs (langgraph.json → "graphs"). Its runtime comes from plain
// configuration: the operator's spec below, which a client may adjust per assistant or per run
// through its `context` (model, dialect, mode, plan, budgets), never its keys or storage.
import { serverGraph } from "interleaf/server";

const env = process.env;

export const graph = serverGraph({
  spec: {
    mode: "general",
    dialect: env.INTERLEAF_DIALECT ?? "deepeyes",
    model: env.INTERLEAF_MODEL ?? "vllm:ChenShawn/DeepEyes-7B",
    baseUrl: env.INTERLEAF_BASE_URL ?? "http://127.0.0.1:8000/v1",
    // The variable holding the model's API key; "none" for a local vLLM server that needs none.
    apiKeyEnv: env.INTERLEAF_API_KEY_ENV ?? "none",
  },
  // Threads, images and the result cache: the same database the `interleaf` command reads.
  ...(env.INTERLEAF_DB ? { storage: env.INTERLEAF_DB } : {}),
  // Inputs may name image files under this folder (server-side paths); unset, they may not.
  ...(env.INTERLEAF_IMAGE_ROOT ? { imageRoot: env.INTERLEAF_IMAGE_ROOT } : {}),
  // Non-public hosts input image URLs may name (the SSRF guard refuses them otherwise).
  ...(env.INTERLEAF_ALLOW_HOSTS ? { allow: env.INTERLEAF_ALLOW_HOSTS.split(",") } : {}),
});
