import Joi from 'joi';
import { numeric } from '../http/rules';

export interface PageQuery {
  limit: number;
  cursor?: string;
}

/** `?limit=1..100` (default 20) and `?cursor=`, shared by every list route. */
export const pageQueryKeys = {
  limit: numeric().integer().min(1).max(100).optional().default(20),
  cursor: Joi.string().max(2048).optional(),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
