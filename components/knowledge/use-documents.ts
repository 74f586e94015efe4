import { useCallback, useEffect, useRef, useState } from "react";
import type { KnowledgeDocument, KnowledgeIndexStatus } from "@/lib/kb/document-types";
import { callDocumentsApi, upsertDocuments } from "./document-api";

const pollIntervalMs = 1000;

/** What a document action is doing right now, by document id. */
export type PendingActions = ReadonlyMap<string, "deleting" | "cancelling" | "retrying">;

/**
 * The knowledge base's documents on the client: upload, delete, cancel, retry and re-index, and a
 * refresh every second while anything is still processing (so progress shows, and survives a
 * reload because it lives on the server). Errors carry the server's message for an alert.
 */
export function useDocuments(initialDocuments: KnowledgeDocument[], initialIndex: KnowledgeIndexStatus) {
  const [documents, setDocuments] = useState(initialDocuments);
  const [index, setIndex] = useState(initialIndex);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [pending, setPending] = useState<PendingActions>(new Map());
  const refreshing = useRef(false);

  const refresh = useCallback(async () => {
    if (refreshing.current) return;
    refreshing.current = true;
    try {
      const body = await callDocumentsApi("/api/documents");
      setDocuments(body.documents ?? []);
      if (body.index) setIndex(body.index);
    } catch (refreshError) {
      setError(`Could not refresh the list: ${(refreshError as Error).message}`);
    } finally {
      refreshing.current = false;
    }
  }, []);

  const busy =
    documents.some((document) => document.status === "processing") || index.reindex?.status === "running";
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(refresh, pollIntervalMs);
    return () => clearInterval(timer);
  }, [busy, refresh]);

  const upload = useCallback(async (files: File[]) => {
    if (files.length === 0) return;
    const form = new FormData();
    for (const file of files) form.append("file", file);
    setUploading(true);
    setError(null);
    setNotices([]);
    try {
      const body = await callDocumentsApi("/api/documents", { method: "POST", body: form });
      setDocuments((current) => upsertDocuments(current, body.documents ?? []));
      setNotices(body.messages ?? []);
    } catch (uploadError) {
      setError((uploadError as Error).message);
    } finally {
      setUploading(false);
    }
  }, []);

  const act = useCallback(
    async (document: KnowledgeDocument, action: "deleting" | "cancelling" | "retrying") => {
      setPending((current) => new Map(current).set(document.id, action));
      setError(null);
      const path = `/api/documents/${encodeURIComponent(document.id)}`;
      try {
        if (action === "deleting") {
          await callDocumentsApi(path, { method: "DELETE" });
          setDocuments((current) => current.filter((candidate) => candidate.id !== document.id));
        } else {
          const body = await callDocumentsApi(`${path}/${action === "cancelling" ? "cancel" : "retry"}`, {
            method: "POST",
          });
          if (body.document)
            setDocuments((current) => upsertDocuments(current, [body.document as KnowledgeDocument]));
        }
      } catch (actionError) {
        const verb = { deleting: "delete", cancelling: "cancel", retrying: "retry" }[action];
        setError(`Could not ${verb} “${document.name}”: ${(actionError as Error).message}`);
        await refresh();
      } finally {
        setPending((current) => {
          const next = new Map(current);
          next.delete(document.id);
          return next;
        });
      }
    },
    [refresh],
  );

  const reindex = useCallback(async () => {
    setError(null);
    try {
      const body = await callDocumentsApi("/api/documents/reindex", { method: "POST" });
      if (body.index) setIndex(body.index);
    } catch (reindexError) {
      setError(`Could not start the re-index: ${(reindexError as Error).message}`);
    }
  }, []);

  return { documents, index, error, notices, uploading, pending, upload, act, reindex };
}
