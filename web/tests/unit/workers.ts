// A hashing worker that runs the worker's own logic in this thread (jsdom and Node have no Web Worker).
import { handleHashRequest, type HashMessage, type HashRequest } from "@/workers/sha256-core";
import type { HashWorker } from "@/utils/sha256";

/** A worker that runs the worker's logic in this thread, with messages delivered asynchronously as a worker's are. */
export function inProcessWorker(log: HashMessage[] = []): HashWorker & { terminated: boolean } {
  const worker = {
    onmessage: null as HashWorker["onmessage"],
    terminated: false,
    postMessage(request: HashRequest) {
      void handleHashRequest(request, (message) => {
        log.push(message);
        setTimeout(() => worker.onmessage?.({ data: message } as MessageEvent<HashMessage>));
      });
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}
