import { performance } from 'node:perf_hooks';

export interface Coalescer {
  /** Asks for a run of the task; many pokes between runs cause one run. Never throws. */
  poke(): void;
  /** Runs the task once more if poked since the last run, and waits for every run in flight. */
  flush(): Promise<void>;
}

export interface CoalesceOptions {
  /** At least this long between the end of one run and the start of the next. */
  minIntervalMs: number;
  /**
   * The gap also grows to this many times the last run's duration, so a task that gets slow
   * (a large results.jsonl) takes at most 1/(1+factor) of the time instead of running back to back.
   */
  slowdownFactor?: number;
  onError?: (err: unknown) => void;
}

/**
 * Trailing-edge throttle for an async task: the first poke runs at once, pokes during a run or
 * within the interval after it are merged into one later run, and runs never overlap. The timer is
 * unref'd so a pending write never keeps a process alive (flush() before exit instead).
 */
export function coalesce(task: () => Promise<void>, opts: CoalesceOptions): Coalescer {
  const factor = opts.slowdownFactor ?? 4;
  const onError = opts.onError ?? ((err) => console.warn('coalesced task failed:', err));
  let dirty = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastEnd = -Infinity;
  let lastDuration = 0;

  const run = () => {
    if (!dirty) return;
    dirty = false;
    const start = performance.now();
    running = Promise.resolve()
      .then(task)
      .catch(onError)
      .finally(() => {
        lastEnd = performance.now();
        lastDuration = lastEnd - start;
        running = null;
        schedule();
      });
  };

  const schedule = () => {
    if (!dirty || running || timer) return;
    const wait = lastEnd + Math.max(opts.minIntervalMs, lastDuration * factor) - performance.now();
    if (wait <= 0) return run();
    timer = setTimeout(() => {
      timer = null;
      run();
    }, wait);
    timer.unref();
  };

  return {
    poke() {
      dirty = true;
      schedule();
    },
    async flush() {
      while (running || timer || dirty) {
        if (timer) {
          clearTimeout(timer);
          timer = null;
        }
        if (running) await running;
        else run();
      }
    },
  };
}
