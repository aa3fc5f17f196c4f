import { httpHandler, ok } from '@estore/core/http';
import type { Sessions } from '../sessions';
import { sessionsDependencies } from '../wiring';

export interface GetAuthDependencies {
  sessions: Pick<Sessions, 'currentUser'>;
}

/** `GET /auth`: the signed-in user's profile. */
export function getAuth({ sessions }: GetAuthDependencies) {
  return httpHandler({ access: 'signed-in' }, async ({ principal }) => ok(await sessions.currentUser(principal)));
}

export const handler = getAuth(sessionsDependencies());
