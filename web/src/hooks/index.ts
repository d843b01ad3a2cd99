// The console's shared hooks: loading data, submitting an action, a ticking clock.
export { useLoad, type Loaded } from './use-load';
export { useNow } from './use-now';
export { useSubmit, type RunOptions, type Submit } from './use-submit';
