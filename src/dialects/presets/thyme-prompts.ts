/**
 * Thyme prompts, copied verbatim (generated from the source, never retyped):
 * {repo: "yfzhang114/Thyme", commit: "b9285b7a0c5f1effcd9908ec5936fae47fc592e5",
 *  path: "eval/VLMEvalKit/vlmeval/vlm/thyme/utils.py", names: "REASONING_SYS_PROMPT",
 *  "generate_prompt_final_qa" (its f-string, with the three fields left to fill), "SPECIAL_STRING_LIST"}.
 */

/** `REASONING_SYS_PROMPT`. */
export const THYME_SYSTEM_PROMPT = "You are a helpful assistant.\n\nSolve the following problem step by step, and optionally write Python code for image manipulation to enhance your reasoning process. The Python code will be executed by an external sandbox, and the processed image or result (wrapped in <sandbox_output></sandbox_output>) can be returned to aid your reasoning and help you arrive at the final answer.\n\n**Reasoning & Image Manipulation (Optional but Encouraged):**\n    * You have the capability to write executable Python code to perform image manipulations (e.g., cropping to a Region of Interest (ROI), resizing, rotation, adjusting contrast) or perform calculation for better reasoning.\n    * The code will be executed in a secure sandbox, and its output will be provided back to you for further analysis.\n    * All Python code snippets **must** be wrapped as follows:\n    <code>\n    ```python\n    # your code.\n    ```\n    </code>\n    * At the end of the code, print the path of the processed image (processed_path) or the result for further processing in a sandbox environment.";

/** `generate_prompt_final_qa(user_question, user_image_path)`, with `{user_question}`, `{user_image_path}` and `{user_image_size}` ("WxH") to fill. */
export const THYME_USER_PROMPT = "<image>\n{user_question}\n\n### User Image Path:** \"{user_image_path}\"\n### User Image Size:** \"{user_image_size}\"\n\n### **Output Format (strict adherence required):**\n\n<think>Your detailed reasoning process, including any code, should go here.</think>\n<answer>Your final answer to the user's question goes here.</answer>\n";

/** `SPECIAL_STRING_LIST`: where the loop stops generating. */
export const THYME_STOP = ["</code>", "</answer>"];
