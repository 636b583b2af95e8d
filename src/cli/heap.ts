// A long import keeps its memory flat. V8 grows its heap lazily under a high allocation rate: an
// import's live data is small and bounded (rows stream through in chunks, about 25 MB in all), yet
// the heap of a 200,000-row import grew to ~150 MB before V8 bothered to collect, and more with
// the file. A heap limit cannot be set once Node runs, so while a long command runs:
// - the old generation: when it has grown HEAP_MB past what the last collection left, a full
//   collection runs (checked by `check`, which the import calls as it reads, and by a timer);
//   a collection of the import's live data (~25 MB) takes ~10 ms;
// - the young generation: V8 doubles it (up to 32 MB) while much of it survives, which an import's
//   chunk in flight always does; once it has reached NEW_SPACE_MB it is not grown further
//   (--semi-space-growth-factor is read when V8 grows it, so setting it now takes effect).
// (`gc` is V8's own, exposed for this through the documented --expose-gc flag, in a new context.)
import v8 from 'node:v8';
import vm from 'node:vm';

/** Heap growth (MB) that triggers a collection. */
const HEAP_MB = 16;
/** The young generation's size (MB, both semi-spaces) past which V8 does not grow it. */
const NEW_SPACE_MB = 16;
const EVERY_MS = 100;

export interface HeapBound {
  /** Look at the heap now (cheap: call it as work progresses). */
  check(): void;
  /** Collect now (before a phase that needs native memory: the import's write). */
  collect(): void;
  /** Stop watching (the young generation may grow again). */
  stop(): void;
}

/** Start watching the heap. */
export function boundHeap(): HeapBound {
  let gc: (() => void) | undefined;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  } catch {
    return { check: () => undefined, collect: () => undefined, stop: () => undefined };
  }
  let floor = oldGeneration().used;
  let capped = false;
  const collect = (): void => {
    gc!();
    floor = oldGeneration().used;
  };
  const check = (): void => {
    const { used, newSpace } = oldGeneration();
    if (!capped && newSpace >= NEW_SPACE_MB * 1_048_576) {
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      capped = true;
    }
    if (used - floor >= HEAP_MB * 1_048_576) collect();
  };
  check();
  const timer = setInterval(check, EVERY_MS);
  timer.unref();
  return {
    check,
    collect,
    stop() {
      clearInterval(timer);
      if (capped) v8.setFlagsFromString('--semi-space-growth-factor=2');
    },
  };
}

/** What the old generation holds (the heap but the young generation, whose use comes and goes), and the young generation's size. */
function oldGeneration(): { used: number; newSpace: number } {
  let used = 0;
  let newSpace = 0;
  for (const s of v8.getHeapSpaceStatistics()) {
    if (s.space_name === 'new_space') newSpace = s.space_size;
    else if (s.space_name !== 'new_large_object_space') used += s.space_used_size;
  }
  return { used, newSpace };
}
