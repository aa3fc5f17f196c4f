import { httpHandler, noContent } from '@estore/core/http';
import type { Sessions } from '../sessions';
import { sessionsDependencies } from '../wiring';

export interface LogoutUserDependencies {
  sessions: Pick<Sessions, 'logout'>;
}

/** `POST /logout`: clears the cookies, signed in or not. */
export function logoutUser({ sessions }: LogoutUserDependencies) {
  return httpHandler({ access: 'public' }, async ({ cookies }) =>
    noContent({ cookies: await sessions.logout(cookies.RefreshToken) }),
  );
}

export const handler = logoutUser(sessionsDependencies());
