import Joi from 'joi';

export interface PageQuery {
  limit: number;
  cursor?: string;
}

/** `?limit=1..100` (default 20) and `?cursor=`, shared by every list route. */
export const pageQueryKeys = {
  limit: Joi.number().integer().min(1).max(100).default(20),
  cursor: Joi.string().max(2048),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
