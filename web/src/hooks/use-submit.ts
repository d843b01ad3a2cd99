import { App } from 'antd';
import { useState } from 'react';
import { errorText } from '../api';

export interface Submit {
  /** True while an action runs (for a button's or a modal's loading state). */
  busy: boolean;
  /** The key of the action running, or null: for a list where each row's button spins on its own. */
  running: string | null;
  /** The last failure's text while `errors` is 'inline' (cleared when the next action starts). */
  error: string | null;
  /** Runs `action` (which shows its own success and closes or reloads what it must); true when it succeeded. */
  run: (action: () => Promise<unknown>, key?: string) => Promise<boolean>;
}

/**
 * The busy / error bookkeeping of every form, modal and row action: a failure shows either in `error`,
 * for an <Alert> next to the form ('inline', the default), or as a toast ('toast').
 */
export function useSubmit({
  errors = 'inline',
  describe = errorText,
}: { errors?: 'inline' | 'toast'; describe?: (err: unknown) => string } = {}): Submit {
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const run = async (action: () => Promise<unknown>, key = 'submit') => {
    setRunning(key);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      if (errors === 'inline') setError(describe(err));
      else message.error(describe(err));
      return false;
    } finally {
      setRunning(null);
    }
  };
  return { busy: running !== null, running, error, run };
}
