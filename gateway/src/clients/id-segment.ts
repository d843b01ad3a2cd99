import { isPlatformId, type IdKind } from '@yinqi/contracts';
import { notFound } from '@yinqi/errors';

/**
 * An id as one segment of an internal URL. Only ids of the shape the platform issues for that
 * kind get through (hex digits and dashes, nothing URL syntax could read as a separator or a dot
 * segment); anything else names nothing, so it is NOT_FOUND before any service is called.
 */
export function idSegment(kind: IdKind, what: string, id: string): string {
  if (!isPlatformId(id, kind)) throw notFound(what);
  return encodeURIComponent(id);
}
