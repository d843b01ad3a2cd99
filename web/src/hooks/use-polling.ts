import { useEffect } from 'react';

/**
 * Calls `reload` every `ms` while the page is open: for what changes without an event on the user's live
 * feed (quotes, matches made a moment after posting, funds' answers).
 */
export function usePolling(reload: () => void, ms: number): void {
  useEffect(() => {
    const t = setInterval(reload, ms);
    return () => clearInterval(t);
  }, [reload, ms]);
}
