import type { ModelResponse } from "../../models/model-backend.js";
import type { ImageRef } from "../../images/image-ref.js";
import type { CanonicalModelRequest } from "./model-request-key.js";
import type { CanonicalToolCall } from "./tool-call-key.js";

/** A recorded model call: the canonical request and the response it got. */
export interface ModelCassetteEntry {
  kind: "model";
  key: string;
  /** Which wrapped backend of the cassette answered (`cassette.model(backend, { name })`). */
  name: string;
  provider: string;
  modelId: string;
  request: CanonicalModelRequest;
  response: ModelResponse;
}

/** A recorded tool call: the canonical call and what it returned or the error it threw. */
export interface ToolCassetteEntry {
  kind: "tool";
  key: string;
  call: CanonicalToolCall;
  output?: { text: string; images: ImageRef[]; data?: unknown };
  error?: { code: string; message: string; retryable: boolean };
}

/** One line of a cassette. */
export type CassetteEntry = ModelCassetteEntry | ToolCassetteEntry;

/** The first line of every cassette file. */
export interface CassetteHeader {
  kind: "cassette";
  version: 1;
}
