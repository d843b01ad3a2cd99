// The console's shared hooks: loading data, paging it, polling it, submitting an action, a ticking clock.
export { useCursor, type Cursor, type CursorStack } from './use-cursor';
export { useLoad, type Loaded } from './use-load';
export { useNow } from './use-now';
export { usePolling } from './use-polling';
export { useSubmit, type RunOptions, type Submit } from './use-submit';
