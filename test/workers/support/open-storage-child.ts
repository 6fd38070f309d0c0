// A process that opens a Postgres storage (creating its schema when new) and stores one image,
// for the concurrent-starters test. Prints the image id.
import { readFileSync } from "node:fs";
import { openStorage } from "interleaf/storage";
import { ingestImage } from "interleaf/images";

const [spec, image] = process.argv.slice(2) as [string, string];
const storage = await openStorage(spec);
const ref = await ingestImage(storage.images, new Uint8Array(readFileSync(image)));
await storage.close();
process.stdout.write(`${ref.id}\n`);
