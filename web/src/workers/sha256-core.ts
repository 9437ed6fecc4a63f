// The SHA-256 of a file read in chunks: WebCrypto's `digest` needs the whole file in memory at once, so the digest
// is computed incrementally with @noble/hashes (audited, pure JavaScript: no WebAssembly, so the Content-Security-
// Policy needs no 'wasm-unsafe-eval'). This module is the worker's logic, free of worker globals so that it is
// tested directly; `sha256.worker.ts` wires it to `postMessage`.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** 4 MiB: large enough to keep the per-chunk overhead small, small enough to keep memory flat. */
export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

export interface HashRequest {
  id: number;
  file: Blob;
  chunkSize?: number;
}

export type HashMessage =
  | { id: number; type: "progress"; loaded: number; total: number }
  | { id: number; type: "done"; sha256: string; size: number }
  | { id: number; type: "error"; message: string };

/** SHA-256 (lower-case hex) of `blob`, reading `chunkSize` bytes at a time; `onProgress(bytesRead, total)`. */
export async function hashBlob(blob: Blob, chunkSize = DEFAULT_CHUNK_SIZE,
                               onProgress?: (loaded: number, total: number) => void): Promise<string> {
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
    throw new RangeError(`chunk size must be a positive whole number, not ${chunkSize}`);
  }
  const hash = sha256.create();
  const total = blob.size;
  for (let offset = 0; offset < total; offset += chunkSize) {
    const end = Math.min(offset + chunkSize, total);
    hash.update(new Uint8Array(await blob.slice(offset, end).arrayBuffer()));
    onProgress?.(end, total);
  }
  if (total === 0) {
    onProgress?.(0, 0);
  }
  return bytesToHex(hash.digest());
}

/** Answers one request: progress messages while reading, then `done` or `error`. */
export async function handleHashRequest(request: HashRequest, post: (message: HashMessage) => void): Promise<void> {
  try {
    const digest = await hashBlob(request.file, request.chunkSize ?? DEFAULT_CHUNK_SIZE,
      (loaded, total) => post({ id: request.id, type: "progress", loaded, total }));
    post({ id: request.id, type: "done", sha256: digest, size: request.file.size });
  } catch (error) {
    post({ id: request.id, type: "error", message: error instanceof Error ? error.message : String(error) });
  }
}
