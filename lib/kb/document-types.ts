/** The formats the knowledge base reads. */
export type DocumentKind = "pdf" | "docx" | "html" | "markdown" | "text";

/** Where a document is in its life: being ingested, searchable, or given up on. */
export type DocumentStatus = "processing" | "ready" | "failed";

/** The step a processing document is in; null once it is ready or failed. */
export type IngestionStage = "embedding" | "indexing";

/** A document as the API and the UI see it (no server-only imports: the client uses this type). */
export interface KnowledgeDocument {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  status: DocumentStatus;
  stage: IngestionStage | null;
  /** 0..1 while processing; 1 once ready. */
  progress: number;
  chunks: number;
  pages: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}
