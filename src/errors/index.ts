export { InterleafError, isAbortError, type AnyInterleafError, type InterleafErrorOptions } from "./interleaf-error.js";
export type { CommonErrorDetails, ErrorDetails, ErrorDetailsByCode, FallbackErrorCode, HttpFailureDetails, InputIssue, InterleafErrorCode, PlanIssue } from "./error-details.js";
export { ErrorInfoSchema, type ErrorInfo } from "./error-info.js";
