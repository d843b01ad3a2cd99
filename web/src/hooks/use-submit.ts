import { App } from 'antd';
import { useState } from 'react';
import { errorText } from '../api';

export interface RunOptions {
  /** Names the action, so that a list where each row has its own button spins only that one (`running`). */
  key?: string;
  /** Shown as a success toast when the action succeeded (before `onDone`). */
  success?: string;
}

export interface Submit {
  /** True while an action runs (for a button's or a modal's loading state). */
  busy: boolean;
  /** The key of the action running ('submit' when none was given), or null. */
  running: string | null;
  /** The last failure's text when errors are 'inline' (cleared when the next action starts). */
  error: string | null;
  /** Runs `action`; true when it succeeded. */
  run: (action: () => Promise<unknown>, options?: RunOptions) => Promise<boolean>;
}

/**
 * The busy / success / error bookkeeping of every form, modal and row action. A failure shows either in
 * `error`, for an <Alert> next to the form ('inline', the default), or as a toast ('toast'); `onDone`
 * runs after each success (close the modal, reload the page's data).
 */
export interface SubmitOptions {
  /** Where a failure shows: next to the form ('inline') or as a toast. */
  errors?: 'inline' | 'toast';
  /** The failure's text (errorText unless the page words it itself). */
  describe?: (err: unknown) => string;
  /** Runs after each success. */
  onDone?: () => void;
}

export function useSubmit({ errors = 'inline', describe = errorText, onDone }: SubmitOptions = {}): Submit {
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const run = async (action: () => Promise<unknown>, { key = 'submit', success }: RunOptions = {}) => {
    setRunning(key);
    setError(null);
    try {
      await action();
      if (success) message.success(success);
      onDone?.();
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
