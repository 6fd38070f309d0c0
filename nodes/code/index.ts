export { codeTool, type CodeToolOptions } from "./code-tool.js";
export { extractPythonCode } from "./extract-python-code.js";
export { formatCodeObservation, ERROR_TAIL_LINES, type ListedImage } from "./code-observation.js";
export { R1V4_CODE_PATHS } from "./r1v4-code-paths.js";
