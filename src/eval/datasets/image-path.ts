import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";

/**
 * Where an image named in a dataset file is: an absolute path as is; a relative one from
 * `imageRoot` when given, else from the file's folder, else from its parent (BrowseComp-VL's
 * JSONL names `browsecomp-vl/images/…` from the folder above it). Unfound paths are returned
 * resolved from the first candidate, so that the error names a real place.
 */
export function resolveImagePath(name: string, datasetFile: string, imageRoot?: string): string {
  if (isAbsolute(name)) return name;
  const folder = dirname(datasetFile);
  const candidates = imageRoot !== undefined ? [resolve(imageRoot, name)] : [resolve(folder, name), resolve(folder, "..", name)];
  return candidates.find((path) => existsSync(path)) ?? (candidates[0] as string);
}
