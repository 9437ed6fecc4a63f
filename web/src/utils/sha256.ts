// SHA-256 of a file in a Web Worker (the evidence declaration needs it before the upload), with progress.
import type { HashMessage, HashRequest } from "@/workers/sha256-core";

/** What the page sees of a worker: enough to substitute one that runs in-process (tests, or no Worker support). */
export interface HashWorker {
  postMessage(request: HashRequest): void;
  onmessage: ((event: MessageEvent<HashMessage>) => void) | null;
  terminate(): void;
}

export interface HashOptions {
  /** Called as chunks are read: bytes read so far and the file's size. */
  onProgress?: (loaded: number, total: number) => void;
  chunkSize?: number;
  signal?: AbortSignal;
  /** Creates the worker; by default the bundled `sha256.worker.ts`. */
  createWorker?: () => HashWorker;
}

let nextId = 1;

function bundledWorker(): HashWorker {
  return new Worker(new URL("../workers/sha256.worker.ts", import.meta.url), { type: "module" }) as HashWorker;
}

/** The file's SHA-256 in lower-case hex, computed in a worker that is ended when the hash is done or aborted. */
export function sha256File(file: Blob, options: HashOptions = {}): Promise<string> {
  const worker = (options.createWorker ?? bundledWorker)();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    const finish = () => {
      worker.onmessage = null;
      worker.terminate();
      options.signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new DOMException("hashing aborted", "AbortError"));
    };
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener("abort", onAbort);
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.type === "progress") {
        options.onProgress?.(message.loaded, message.total);
      } else if (message.type === "done") {
        finish();
        resolve(message.sha256);
      } else {
        finish();
        reject(new Error(message.message));
      }
    };
    worker.postMessage({ id, file, chunkSize: options.chunkSize });
  });
}
