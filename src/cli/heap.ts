// A long import keeps its memory flat. V8 grows its heap lazily under a high allocation rate: an
// import's live data is small and bounded (rows stream through in chunks), yet the heap of a
// 200,000-row import grew to ~150 MB before V8 bothered to collect, and more with the file. A heap
// limit cannot be set once Node runs, so while a long command runs, a timer looks at the heap every
// quarter second and runs a full collection when it has grown past HEAP_MB since the last one.
// (`gc` is V8's own, exposed for this through the documented --expose-gc flag, in a new context.)
import v8 from 'node:v8';
import vm from 'node:vm';

/** Heap growth (MB) that triggers a collection. */
const HEAP_MB = 40;
const EVERY_MS = 250;

/** Start watching the heap; returns the function that stops it. */
export function boundHeap(): () => void {
  let gc: (() => void) | undefined;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
  let floor = v8.getHeapStatistics().used_heap_size;
  const timer = setInterval(() => {
    if (v8.getHeapStatistics().used_heap_size - floor < HEAP_MB * 1_048_576) return;
    gc!();
    floor = v8.getHeapStatistics().used_heap_size;
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
