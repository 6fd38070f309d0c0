export { codeTool, type CodeToolOptions } from "./code-tool.js";
