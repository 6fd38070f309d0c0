/**
 * Mini-o3 prompts, copied verbatim (generated from the source, never retyped):
 * {repo: "Mini-o3/Mini-o3", commit: "8654dbf42d2ea98b9d81b6cc7179026dd0598fdf", path: "verl/trainer/constants.py",
 *  names: "TOOL_CROP_SYSTEM_PROMPT", "TOOL_CALL_CROP_MULTI_TRUN_PROMPT", "ERROR_INFO_MULTI_TURN_PROMPT"}.
 * The turn prompt is split where the loop puts the image (`<|vision_start|><|image_pad|><|vision_end|>`).
 */

/** `TOOL_CROP_SYSTEM_PROMPT` (`SYSTEM_PROMPT_MAP["tool_crop"]`). */
export const MINI_O3_SYSTEM_PROMPT = "You are a helpful assistant. Answer the user's question based on the image provided. Output your thinking process within the <think> and </think> tags. Whenever you find anything unclear, you can zoom in a specific region in the given image to see more clearly by outputing <grounding>{\"bbox_2d\": [x0, y0, x1, y1], \"source\": \"original_image\"}</grounding>, where (x0, y0) and (x1, y1) are the top-left and bottom-right coordinates of the region that you want to zoom in, respectively (suppose the width and height of the image are 1.0), and 'source' refers to the image that you zoom in and could be either 'original_image' or 'observation_i'. Once the final answer is confirmed, put it within <answer> and </answer>.";

/** `TOOL_CALL_CROP_MULTI_TRUN_PROMPT` up to its image, with `{action_turn}` and `{observation_turn}` to fill. */
export const MINI_O3_TURN_BEFORE_IMAGE = "After the above Action {action_turn}, here is the the zoom-in image (Observation {observation_turn}):\n";

/** `TOOL_CALL_CROP_MULTI_TRUN_PROMPT` after its image. */
export const MINI_O3_TURN_AFTER_IMAGE = ".\nContinue your reasoning process inside <think> and </think>. If needed, you can continue to zoom in on the original image or any of the observations, by outputting <grounding> and </grounding> as before. If the final answer is confirmed, put your final answer inside <answer> and </answer>.";

/** `ERROR_INFO_MULTI_TURN_PROMPT`, after `ERROR occurs during grounding. Error Information: {error}.\n`. */
export const MINI_O3_ERROR_PROMPT = "Please analyze the error information obtained from the function tool and adjust your response. Countinue your reasoning process inside <think> and </think>.";
