/**
 * Options every neighbour preset accepts. By default a preset reproduces its system's released
 * loop; each option that departs from it is explicit.
 */
export interface PresetDialectOptions {
  /** Whether a turn without the reasoning tag is malformed. Default: as the released loop reads turns. */
  requireThink?: boolean;
  /**
   * Which released loop to reproduce, for systems that released more than one. DeepEyes:
   * `eval` (default), its evaluation loop `eval/eval_vstar.py`; `v5`, its V5 training
   * environment (up to three calls a turn, one `<tool_response>` per image).
   */
  loop?: "eval" | "v5";
  /**
   * The URL or path shown to the model as the input image's, where the released loop shows one
   * (WebWatcher's "Input image:" line). A call naming it means the input image. Default
   * `"original image"`.
   */
  imageUrl?: string;
}
