/**
 * One thing wrong with a plan, as data: the step (1-based, absent for the plan as a whole), where
 * in the step, and what to do about it.
 */
export interface PlanIssue {
  step?: number;
  /** Where in the step: `tool_name`, `parameters.queries`, ... */
  path?: string;
  message: string;
}

/** One reason a tool's arguments were refused, from the tool's zod schema. */
export interface InputIssue {
  /** Where in the arguments (`["boxes", "0", "bbox_2d"]`; empty for the arguments as a whole). */
  path: string[];
  message: string;
}

/** What an HTTP failure of a backend says: the status and how long the service asked to wait. */
export type HttpFailureDetails = {
  /** The HTTP status, when the service answered. */
  status?: number;
  /** How long the service asked to wait before trying again (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
};

/**
 * The `details` of each error code, as zod types its issues: narrow on `code` (or pass the code to
 * `InterleafError.isInstance`) and read the fields without casts. Every code may also carry
 * `attempts` (see {@link CommonErrorDetails}).
 */
export interface ErrorDetailsByCode {
  /** A value passed to a function or tool is unusable. */
  invalid_argument: {
    /** The argument at fault (`bbox_2d`, `limits.memoryMb`, ...). */
    argument?: string;
    /** The value given. */
    value?: unknown;
    /** The size of the image the value was checked against. */
    width?: number;
    height?: number;
    /** The image the value was about. */
    imageId?: string;
    /** The limit the value went over (characters, nesting depth, ...), and its actual size. */
    limit?: number;
    length?: number;
    /** The thread the value was about. */
    threadId?: string;
  };
  /** Options, environment or files an agent is configured with are unusable. */
  config_invalid: {
    /** The environment variable to set. */
    variable?: string;
    /** The environment variable an API key is read from, when none was given. */
    environmentVariable?: string;
    /** The file or folder at fault. */
    path?: string;
    /** An implementation of another contract version: which extension point, the version it declares, the versions accepted. */
    extensionPoint?: string;
    specificationVersion?: unknown;
    supported?: string[];
  };
  /** Bytes that are not a readable image. */
  invalid_image: { format?: string };
  /** An image over the pixel limit. */
  image_too_large: { maxPixels: number; width?: number; height?: number };
  /** An image id, name or file that does not exist. */
  image_not_found: { imageId?: string; name?: string; path?: string };
  /** An image or page format interleaf does not read. */
  unsupported_format: { format?: string; contentType?: string };
  /** A tool name the registry does not know. */
  tool_not_found: { tool: string; known: string[] };
  /** A tool's arguments failed its schema. */
  tool_input_invalid: { tool?: string; issues: InputIssue[] };
  /** A tool threw while running. */
  tool_failed: { tool?: string };
  /** A model backend failed (HTTP status, timeout, unreachable, no usable completion). */
  model_failed: HttpFailureDetails & { provider?: string; modelId?: string; timeoutMs?: number };
  /** A search backend failed. */
  search_failed: HttpFailureDetails & {
    /** How many items of a batched call failed (all of them). */
    failures?: number;
  };
  /** A URL was refused before any request (scheme, credentials, private address). */
  fetch_blocked: { url?: string; reason?: string; address?: string };
  /** A page could not be fetched or read. */
  fetch_failed: HttpFailureDetails & {
    url?: string;
    /** The size limit a body went over, and the size the server declared. */
    maxBytes?: number;
    declaredBytes?: number;
    /** The redirect chain, when there were too many. */
    redirects?: string[];
    /** The extraction limit a page hit (`timeoutMs`, `maxMemoryMb`), and its value. */
    limit?: string;
    timeoutMs?: number;
    maxMemoryMb?: number;
  };
  /** The code sandbox cannot run on this machine. */
  sandbox_unavailable: { missing?: string[]; stderr?: string };
  /** A sandboxed run failed outside the user's code. */
  sandbox_failed: { imageBytes?: number; exitCode?: number | null; signal?: string | null; stderr?: string };
  /** An operation took longer than allowed. */
  timeout: { timeoutMs?: number };
  /** The caller aborted. */
  aborted: Record<never, never>;
  /** A database or the file system failed to read or write. */
  storage_failed: { path?: string; host?: string; port?: number; database?: string };
  thread_not_found: { threadId: string };
  /** Another run holds the thread (one writer per thread); `holder` says which process, when known. */
  thread_busy: { threadId: string; holder?: { pid: number; host: string; since: number } };
  checkpoint_not_found: { threadId: string; checkpointId?: string };
  /** A plan (from a planner or a person) is unusable; `issues` says what to change. */
  plan_invalid: {
    issues: PlanIssue[];
    /** The planner model's raw outputs, one per attempt. */
    outputs?: string[];
  };
  /** A dataset export broke its format's rules (image tokens, roles, files, leaked paths or secrets); `problems` lists each. */
  export_invalid: { format: string; problems: string[] };
  /**
   * A benchmark file is not what its manifest says (checksum, row count) or a row is unusable;
   * `expected` and `actual` say how.
   */
  dataset_invalid: { path?: string; benchmark?: string; row?: number; expected?: string | number; actual?: string | number };
  /** No eval run of that id in this storage. */
  eval_run_not_found: { runId: string };
  /** A budget of the run is used up. */
  budget_exhausted: { budget?: "maxToolCalls" | "maxModelTurns" | "maxWallClockMs"; limit?: number };
  /**
   * A bug: something failed that interleaf did not expect (a node or a user's code threw a plain
   * error). `cause` holds what was thrown.
   */
  internal_error: Record<never, never>;
}

/** Fields any error may carry, whatever its code. */
export type CommonErrorDetails = {
  /** How many attempts `withRetry` made before giving up. */
  attempts?: number;
};

/**
 * Stable error codes. A code names what went wrong, never where; messages may change between
 * versions, codes do not. `details` is typed per code: see {@link ErrorDetailsByCode}.
 */
export type InterleafErrorCode = keyof ErrorDetailsByCode;

/** The `details` of an error with code `C` (loose for codes outside {@link ErrorDetailsByCode}). */
export type ErrorDetails<C extends string> = C extends InterleafErrorCode ? ErrorDetailsByCode[C] : { readonly [key: string]: unknown };

/** The codes whose details are all optional: the ones `InterleafError.from` can wrap a thrown value in. */
export type FallbackErrorCode = { [C in InterleafErrorCode]: Record<never, never> extends ErrorDetailsByCode[C] ? C : never }[InterleafErrorCode];
