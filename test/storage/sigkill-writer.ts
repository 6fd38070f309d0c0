// Child process for sigkill.test.ts: appends trajectory steps to a SQLite storage until killed,
// printing `committed <n>` once the checkpoint holding n steps is durable (durability "sync").
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openStorage } from "../../src/storage/index.js";
import { buildTrajectoryGraph } from "./trajectory-graph.js";

const [path, threadId] = process.argv.slice(2);
if (!path || !threadId) throw new Error("usage: sigkill-writer.ts <sqlite path> <thread id>");
const fixtures = join(import.meta.dirname, "..", "fixtures", "images");
const photos = ["r1v4_demo_5.jpg", "animate_glass.jpg"].map((name) => new Uint8Array(readFileSync(join(fixtures, name))));
const storage = await openStorage(path);
const graph = buildTrajectoryGraph(storage.images, storage.checkpointer, photos, Number.POSITIVE_INFINITY);
const stream = await graph.stream(
  { question: "keep going until killed" },
  { configurable: { thread_id: threadId }, streamMode: "values", durability: "sync", recursionLimit: 100_000 },
);
for await (const values of stream) process.stdout.write(`committed ${values.steps.length}\n`);
