/** The formats the knowledge base reads. */
export type DocumentKind = "pdf" | "docx" | "html" | "markdown" | "text";

/** Where a document is in its life: being ingested, searchable, or given up on. */
export type DocumentStatus = "processing" | "ready" | "failed";

/** The step a processing document is in (extract → split → embed → index); null once it is ready or failed. */
export type IngestionStage = "extracting" | "splitting" | "embedding" | "indexing";

/** A document as the API and the UI see it (no server-only imports: the client uses this type). */
export interface KnowledgeDocument {
  id: string;
  name: string;
  /** The title read from the document (PDF info, first heading), once extracted. */
  title: string | null;
  mediaType: string;
  size: number;
  status: DocumentStatus;
  stage: IngestionStage | null;
  /** How far the current stage has come, for people: "page 12 of 200". */
  stageDetail: string | null;
  /** 0..1 while processing; 1 once ready. */
  progress: number;
  chunks: number;
  pages: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The state of the search index as a whole: which embedding model built it, and any re-index. */
export interface KnowledgeIndexStatus {
  /** The embedding model the stored vectors come from (null before anything was indexed). */
  indexedModel: string | null;
  /** The embedding model configured now. */
  configuredModel: string;
  /** True when the two differ: meaning search is off until the documents are re-indexed. */
  modelChanged: boolean;
  reindex: ReindexStatus | null;
  /**
   * The passages searched and how their vectors are searched: exactly, or through the approximate
   * (ANN) index built once the table holds KB_ANN_MIN_ROWS passages. Null before anything was indexed.
   */
  table: { passages: number; vectorSearch: "exact" | "approximate" } | null;
}

/** A re-index of every document with the configured embedding model. */
export interface ReindexStatus {
  status: "running" | "failed";
  targetModel: string;
  /** Documents re-embedded so far, and in all. */
  done: number;
  total: number;
  error: string | null;
}
