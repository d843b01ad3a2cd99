import { useState } from 'react';

/** The cursors of the pages seen so far (the first is null): the last one is the page shown. */
export type CursorStack = (string | null | undefined)[];

export interface Cursor {
  after: CursorStack;
  setAfter: (next: CursorStack) => void;
  /** The cursor of the page shown (null for the first page), for the query's `after`. */
  cursor: string | null;
  /** Back to the first page (when a filter changes). */
  restart: () => void;
}

/** Where a server-paginated list is: the stack CursorPager moves through, and the cursor to load. */
export function useCursor(): Cursor {
  const [after, setAfter] = useState<CursorStack>([null]);
  return { after, setAfter, cursor: after[after.length - 1] ?? null, restart: () => setAfter([null]) };
}
