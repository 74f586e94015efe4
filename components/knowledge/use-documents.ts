import { useCallback, useEffect, useRef, useState } from "react";
import type { KnowledgeDocument } from "@/lib/kb/document-types";

const pollIntervalMs = 1000;

interface DocumentsResponse {
  documents?: KnowledgeDocument[];
  messages?: string[];
  error?: string;
}

async function readBody(response: Response): Promise<DocumentsResponse> {
  if (response.status === 204) return {};
  return (await response.json().catch(() => ({}))) as DocumentsResponse;
}

function failure(response: Response, body: DocumentsResponse): Error {
  return new Error(body.error ?? `The server answered ${response.status} ${response.statusText}.`);
}

function upsert(current: KnowledgeDocument[], incoming: KnowledgeDocument[]): KnowledgeDocument[] {
  const incomingIds = new Set(incoming.map((document) => document.id));
  return [...incoming, ...current.filter((document) => !incomingIds.has(document.id))];
}

/**
 * The knowledge base's documents on the client: upload, delete, and a refresh every second while
 * any document is still processing. Errors carry the server's message for an alert.
 */
export function useDocuments(initialDocuments: KnowledgeDocument[]) {
  const [documents, setDocuments] = useState(initialDocuments);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState<ReadonlySet<string>>(new Set());
  const refreshing = useRef(false);

  const refresh = useCallback(async () => {
    if (refreshing.current) return;
    refreshing.current = true;
    try {
      const response = await fetch("/api/documents", { cache: "no-store" });
      const body = await readBody(response);
      if (!response.ok) throw failure(response, body);
      setDocuments(body.documents ?? []);
    } catch (refreshError) {
      setError(`Could not refresh the list: ${(refreshError as Error).message}`);
    } finally {
      refreshing.current = false;
    }
  }, []);

  const processing = documents.some((document) => document.status === "processing");
  useEffect(() => {
    if (!processing) return;
    const timer = setInterval(refresh, pollIntervalMs);
    return () => clearInterval(timer);
  }, [processing, refresh]);

  const upload = useCallback(async (files: File[]) => {
    if (files.length === 0) return;
    const form = new FormData();
    for (const file of files) form.append("file", file);
    setUploading(true);
    setError(null);
    setNotices([]);
    try {
      const response = await fetch("/api/documents", { method: "POST", body: form });
      const body = await readBody(response);
      if (!response.ok) throw failure(response, body);
      setDocuments((current) => upsert(current, body.documents ?? []));
      setNotices(body.messages ?? []);
    } catch (uploadError) {
      setError((uploadError as Error).message);
    } finally {
      setUploading(false);
    }
  }, []);

  const remove = useCallback(async (document: KnowledgeDocument) => {
    setDeleting((current) => new Set(current).add(document.id));
    setError(null);
    try {
      const response = await fetch(`/api/documents/${encodeURIComponent(document.id)}`, { method: "DELETE" });
      // Already gone is what the user wanted.
      if (!response.ok && response.status !== 404) throw failure(response, await readBody(response));
      setDocuments((current) => current.filter((candidate) => candidate.id !== document.id));
    } catch (deleteError) {
      setError(`Could not delete “${document.name}”: ${(deleteError as Error).message}`);
    } finally {
      setDeleting((current) => {
        const next = new Set(current);
        next.delete(document.id);
        return next;
      });
    }
  }, []);

  return { documents, error, notices, uploading, deleting, upload, remove };
}
