/** A web result as R1V4's `text_search` returns it. */
export interface TextSearchResult {
  title: string;
  url: string;
  snippet: string;
}

/** A visual match or image result as R1V4's `image_search` returns it (Lens style). */
export interface ImageSearchResult {
  title: string;
  /** The page the image is on. */
  link: string;
  /** The image itself (a URL, or a `local-image:` name for the local image index). */
  image: string;
  /** Similarity in [0, 1] when the backend measures one (the local image index does). */
  score?: number;
}
