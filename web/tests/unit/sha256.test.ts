// @vitest-environment node
// The SHA-256 of a file read in chunks: known digests (FIPS 180-2 examples), every chunk boundary against WebCrypto's
// one-shot digest, the progress reported, and the worker's message protocol.
import { describe, expect, it } from "vitest";
import { handleHashRequest, hashBlob, type HashMessage } from "@/workers/sha256-core";
import { sha256File } from "@/utils/sha256";
import { inProcessWorker } from "./workers";

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

function bytes(length: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) data[i] = (i * 31 + 7) % 251;
  return data;
}

describe("hashBlob", () => {
  it("gives the known digests", async () => {
    expect(await hashBlob(new Blob(["abc"]))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await hashBlob(new Blob([]))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(await hashBlob(new Blob(["a".repeat(1000000)]), 65536))
      .toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("gives WebCrypto's digest whatever the chunk boundaries", async () => {
    for (const size of [1, 55, 56, 63, 64, 65, 127, 128, 129, 1000, 4097]) {
      const data = bytes(size);
      const expected = hex(await crypto.subtle.digest("SHA-256", data));
      for (const chunk of [1, 3, 63, 64, 65, 1024, size]) {
        expect(await hashBlob(new Blob([data]), chunk), `size ${size}, chunk ${chunk}`).toBe(expected);
      }
    }
  });

  it("reports progress after each chunk, ending at the size", async () => {
    const seen: [number, number][] = [];
    await hashBlob(new Blob([bytes(250)]), 100, (loaded, total) => seen.push([loaded, total]));
    expect(seen).toEqual([[100, 250], [200, 250], [250, 250]]);
  });

  it("refuses a chunk size that is not a positive whole number", async () => {
    await expect(hashBlob(new Blob(["x"]), 0)).rejects.toThrow(RangeError);
  });
});

describe("the worker protocol", () => {
  it("answers progress then done with the digest and size", async () => {
    const messages: HashMessage[] = [];
    await handleHashRequest({ id: 7, file: new Blob(["abc"]), chunkSize: 2 }, (m) => messages.push(m));
    expect(messages).toEqual([
      { id: 7, type: "progress", loaded: 2, total: 3 },
      { id: 7, type: "progress", loaded: 3, total: 3 },
      { id: 7, type: "done", sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", size: 3 },
    ]);
  });

  it("answers an error when the file cannot be read", async () => {
    const unreadable = { size: 10, slice: () => ({ arrayBuffer: () => Promise.reject(new Error("file changed")) }) };
    const messages: HashMessage[] = [];
    await handleHashRequest({ id: 1, file: unreadable as unknown as Blob, chunkSize: 4 }, (m) => messages.push(m));
    expect(messages).toEqual([{ id: 1, type: "error", message: "file changed" }]);
  });
});

describe("sha256File", () => {
  it("hashes through the worker, reports progress and ends the worker", async () => {
    const worker = inProcessWorker();
    const progress: number[] = [];
    const digest = await sha256File(new Blob(["abc"]), { chunkSize: 1, createWorker: () => worker,
      onProgress: (loaded) => progress.push(loaded) });
    expect(digest).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(progress).toEqual([1, 2, 3]);
    expect(worker.terminated).toBe(true);
  });

  it("stops when aborted", async () => {
    const worker = inProcessWorker();
    const controller = new AbortController();
    const hashing = sha256File(new Blob([bytes(100000)]), { chunkSize: 10, createWorker: () => worker,
      signal: controller.signal });
    controller.abort();
    await expect(hashing).rejects.toThrow("aborted");
    expect(worker.terminated).toBe(true);
  });
});
