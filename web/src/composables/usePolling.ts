// Polling with backoff until a final state: an uploaded evidence file is PENDING until the upload check (and, where
// enabled, the malware scan) decides; the page asks again, less and less often, and stops at VERIFIED or REJECTED.
import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from "vue";

export interface PollingOptions<T> {
  /** Whether `value` is final (polling stops). */
  isFinal: (value: T) => boolean;
  /** First delay, then multiplied by `factor` after each answer up to `maxDelayMs`. */
  initialDelayMs?: number;
  factor?: number;
  maxDelayMs?: number;
  /** Gives up after this many requests (the last value stays). */
  maxAttempts?: number;
  /** Called on each value. */
  onValue?: (value: T) => void;
}

export interface Polling<T> {
  value: ShallowRef<T | undefined>;
  error: ShallowRef<unknown>;
  running: Ref<boolean>;
  attempts: Ref<number>;
  start(): void;
  stop(): void;
}

/** Calls `fetcher` after 1 s, 2 s, 4 s, … (at most every 30 s) until `isFinal`; errors back off the same way. */
export function usePolling<T>(fetcher: () => Promise<T>, options: PollingOptions<T>): Polling<T> {
  const initial = options.initialDelayMs ?? 1000;
  const factor = options.factor ?? 2;
  const max = options.maxDelayMs ?? 30000;
  const maxAttempts = options.maxAttempts ?? 60;
  const value = shallowRef<T>();
  const error = shallowRef<unknown>();
  const running = ref(false);
  const attempts = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = initial;
  let generation = 0;

  const schedule = (current: number) => {
    timer = setTimeout(() => void tick(current), delay);
    delay = Math.min(delay * factor, max);
  };

  const tick = async (current: number) => {
    attempts.value += 1;
    try {
      const answer = await fetcher();
      if (current !== generation) return;
      value.value = answer;
      error.value = undefined;
      options.onValue?.(answer);
      if (options.isFinal(answer)) {
        running.value = false;
        return;
      }
    } catch (failure) {
      if (current !== generation) return;
      error.value = failure;
    }
    if (attempts.value >= maxAttempts) {
      running.value = false;
      return;
    }
    schedule(current);
  };

  const stop = () => {
    generation += 1;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    running.value = false;
  };

  const start = () => {
    stop();
    delay = initial;
    attempts.value = 0;
    running.value = true;
    schedule(generation);
  };

  onScopeDispose(stop, true);
  return { value, error, running, attempts, start, stop };
}
