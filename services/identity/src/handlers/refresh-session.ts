import { httpHandler, ok } from '@estore/core/http';
import type { Sessions } from '../sessions';
import { sessionsDependencies } from '../wiring';

export interface RefreshSessionDependencies {
  sessions: Pick<Sessions, 'refresh'>;
}

/** `POST /refresh`: fresh access and id token cookies from the refresh cookie. */
export function refreshSession({ sessions }: RefreshSessionDependencies) {
  return httpHandler({ access: 'public' }, async ({ cookies }) => {
    const { user, cookies: fresh } = await sessions.refresh(cookies.RefreshToken);
    return ok({ user }, { cookies: fresh });
  });
}

export const handler = refreshSession(sessionsDependencies());
