import { InterleafError } from "../errors/index.js";

/** The interfaces a user can implement, each versioned by its `specificationVersion`. */
export type ExtensionPoint =
  | "ModelBackend"
  | "Dialect"
  | "ImageStore"
  | "ResultCache"
  | "SearchBackend"
  | "ImageSearchBackend"
  | "PageFetcher"
  | "Summarizer"
  | "ImageHost"
  | "CodeSandbox"
  | "Planner";

/** The versions of each extension point this interleaf implements. */
const SUPPORTED = ["v1"] as const;

/**
 * Checks, where interleaf receives an implementation of an extension point, that it speaks a
 * version this interleaf knows (as vercel/ai's `resolveModel` does), and returns it. Anything
 * else is refused with `config_invalid` naming the interface and the version found, before the
 * first call could fail in a less obvious way.
 */
export function checkSpecificationVersion<T>(extensionPoint: ExtensionPoint, implementation: T): T {
  if (typeof implementation !== "object" || implementation === null) {
    throw new InterleafError("config_invalid", `expected a ${extensionPoint}, got ${implementation === null ? "null" : typeof implementation}`, {
      details: { extensionPoint, specificationVersion: null, supported: [...SUPPORTED] },
    });
  }
  const found = (implementation as { specificationVersion?: unknown }).specificationVersion;
  if ((SUPPORTED as readonly unknown[]).includes(found)) return implementation;
  const which = describe(implementation);
  const problem = found === undefined ? "has no specificationVersion" : `declares specificationVersion ${JSON.stringify(found)}`;
  throw new InterleafError(
    "config_invalid",
    `the ${extensionPoint}${which} ${problem}, and this version of interleaf supports ${SUPPORTED.map((v) => `"${v}"`).join(", ")} only: ` +
      `implement the ${extensionPoint} interface of this version (specificationVersion: "${SUPPORTED[SUPPORTED.length - 1]}") or use an interleaf that supports ${found === undefined ? "it" : JSON.stringify(found)}`,
    { details: { extensionPoint, specificationVersion: found ?? null, supported: [...SUPPORTED] } },
  );
}

/** ` "provider/model"` or ` "name"` when the implementation says who it is. */
function describe(implementation: object): string {
  const { provider, modelId, name } = implementation as { provider?: unknown; modelId?: unknown; name?: unknown };
  if (typeof provider === "string" && typeof modelId === "string") return ` "${provider}/${modelId}"`;
  if (typeof provider === "string") return ` "${provider}"`;
  if (typeof name === "string") return ` "${name}"`;
  return "";
}
