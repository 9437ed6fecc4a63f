// Web Worker: hashes the files it is sent (see sha256-core.ts) off the page's main thread.
import { handleHashRequest, type HashMessage, type HashRequest } from "./sha256-core";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<HashRequest>) => void) | null;
  postMessage(message: HashMessage): void;
};

scope.onmessage = (event) => {
  void handleHashRequest(event.data, (message) => scope.postMessage(message));
};
