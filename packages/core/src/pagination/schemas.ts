import * as v from 'valibot';
import { numeric } from '../http/validate';

export interface PageQuery {
  limit: number;
  cursor?: string;
}

/** `?limit=1..100` (default 20) and `?cursor=`, shared by every list route. */
export const pageQueryKeys = {
  limit: v.optional(v.pipe(numeric(), v.integer(), v.minValue(1), v.maxValue(100)), 20),
  cursor: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(2048))),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
