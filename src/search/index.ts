/**
 * Search and browsing: the backend interfaces and their types, the Tavily and Serper backends,
 * page fetching behind a URL guard, summarizers, image hosts, and the local text and image indexes.
 *
 * @packageDocumentation
 * @module interleaf/search
 */
export type { TextSearchResult, ImageSearchResult } from "./search-results.js";
export type { SearchBackend, SearchOptions, SearchResponse } from "./search-backend.js";
export type { ImageSearchBackend, ImageQuery, ImageSearchOptions } from "./image-search-backend.js";
export type { PageFetcher, FetchedPage } from "./page-fetcher.js";
export { modelSummarizer, type Summarizer, type SummaryRequest, type ModelSummarizerOptions } from "./summarizer.js";
export { refusingImageHost, type ImageHost } from "./image-host.js";
export { tavilySearch } from "./tavily-search.js";
export { tavilyExtract } from "./tavily-extract.js";
export type { TavilyOptions } from "./tavily-client.js";
export { serperSearch } from "./serper-search.js";
export { serperLens } from "./serper-lens.js";
export { serperWebpage } from "./serper-webpage.js";
export type { SerperOptions } from "./serper-http.js";
export { httpPageFetcher, type HttpPageFetcherOptions } from "./http-page-fetcher.js";
export { chainPageFetchers } from "./chained-page-fetcher.js";
export { htmlToText, DEFAULT_HTML_SIZE_LIMITS, type ExtractedHtml, type HtmlSizeLimits } from "./html-to-text.js";
export { extractHtml, DEFAULT_HTML_EXTRACTION_LIMITS, type HtmlExtractionLimits } from "./extract-html.js";
export { buildLocalIndex, openLocalIndex, type BuildLocalIndexOptions, type LocalIndex, type LocalIndexSummary } from "./local-index.js";
export { buildLocalTextIndex, localTextIndex, type LocalTextIndex, type LocalTextIndexFile } from "./local-text-index.js";
export { localImageIndex, type LocalImageIndexFile, type LocalImageEntry, type LocalImageIndexOptions, type StoredFeatures } from "./local-image-index.js";
export type { ImageFeatures, RgbRaster } from "./image-features.js";
export type { LocalDocument } from "./local-documents.js";
export { searchSetupFromSpec, type SearchSetup, type SearchSpecOptions } from "./search-spec.js";
export { requestFingerprint } from "./request-fingerprint.js";
export { guardUrl, type LookupAddress, type LookupFunction, type UrlGuardOptions } from "../net/url-guard.js";
export type { AllowList } from "../net/allow-list.js";
export { safeFetch, type SafeFetchOptions, type SafeResponse } from "../net/safe-fetch.js";
export { withRetry, type RetryEvent, type RetryOptions } from "../net/retry.js";
