import type { Scorer } from "../../../src/eval/scorer.js";
import { UsageError } from "../../cli-error.js";

// MERGE GLUE POINT (issue 13, parts A and B): the scorer registry is built in parallel in
// src/eval/scorers/** and exported as `getScorer(id)` / the list of scorers from src/eval/index.ts.
// At merge, replace REGISTERED below with that registry (e.g. `import { SCORERS } from
// "../../../src/eval/index.js"`). Until then no scorer is known by id, so `eval run --scorer`
// and `--judge-parser` refuse every id with a usage error naming this point.
const REGISTERED: readonly Scorer[] = [];

/** The scorer of an id (`--scorer`, `--judge-parser`, and the ids a stored run names); an unknown id is a usage error listing the known ones. */
export function lookupScorer(id: string): Scorer {
  const found = REGISTERED.find((scorer) => scorer.id === id);
  if (found) return found;
  const known = REGISTERED.map((scorer) => scorer.id);
  throw new UsageError(`unknown scorer "${id}"; ${known.length > 0 ? `known: ${known.join(", ")} (see interleaf eval scorers)` : "no scorer is registered in this build"}`);
}
