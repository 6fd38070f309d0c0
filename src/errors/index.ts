export { InterleafError, isAbortError, type InterleafErrorCode, type InterleafErrorOptions } from "./interleaf-error.js";
export { isRetryableStatus } from "./http-status.js";
