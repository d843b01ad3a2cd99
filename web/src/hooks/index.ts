// The console's shared hooks: loading data, paging it, polling it, submitting an action, a ticking clock.
export { useCursor, type Cursor, type CursorStack } from './use-cursor';
export { useDialogForm, useFormSubmit } from './use-form-submit';
export { useLoad, type Loaded } from './use-load';
export { useNow } from './use-now';
export { usePolling } from './use-polling';
export { useSubmit, type RunOptions, type Submit, type SubmitOptions } from './use-submit';
