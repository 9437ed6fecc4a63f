// The upload of an evidence file straight to its presigned S3 URL. XMLHttpRequest, not fetch: only XHR reports
// upload progress in today's browsers.

export interface UploadOptions {
  /** Bytes sent so far and the total. */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  /** The XMLHttpRequest constructor (a test substitutes a fake). */
  xhr?: () => XMLHttpRequest;
}

/** Headers the browser sets itself and refuses to take from a script. */
const BROWSER_SET = new Set(["content-length", "host", "connection"]);

export class UploadError extends Error {
  constructor(message: string, readonly status: number, readonly body: string) {
    super(message);
    this.name = "UploadError";
  }
}

/** `PUT`s `file` to `url` with exactly the headers the declaration handed out; resolves when S3 stored it. */
export function putToPresignedUrl(url: string, headers: Record<string, string>, file: Blob,
                                  options: UploadOptions = {}): Promise<void> {
  const request = options.xhr ? options.xhr() : new XMLHttpRequest();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => request.abort();
    request.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) {
      if (!BROWSER_SET.has(name.toLowerCase())) {
        request.setRequestHeader(name, value);
      }
    }
    request.upload.onprogress = (event: ProgressEvent) => {
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    request.onload = () => {
      options.signal?.removeEventListener("abort", onAbort);
      if (request.status >= 200 && request.status < 300) {
        options.onProgress?.(file.size, file.size);
        resolve();
      } else {
        reject(new UploadError(s3Message(request.responseText, request.status), request.status,
          request.responseText));
      }
    };
    request.onerror = () => {
      options.signal?.removeEventListener("abort", onAbort);
      reject(new UploadError("network error during the upload", 0, ""));
    };
    request.onabort = () => reject(new DOMException("upload aborted", "AbortError"));
    options.signal?.addEventListener("abort", onAbort);
    request.send(file);
  });
}

/** S3's XML error (`<Code>BadDigest</Code>`) as a short text. */
function s3Message(body: string, status: number): string {
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]+)<\/Message>/.exec(body)?.[1];
  return code ? `${code}${message ? ": " + message : ""}` : `upload refused (HTTP ${status})`;
}
