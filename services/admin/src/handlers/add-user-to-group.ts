import { ADMINS, httpHandler, ok } from '@estore/core/http';
import type { GroupChanges } from '../group-changes';
import { groupPath, usernameQuery } from '../schemas';
import { groupChangesDependencies } from '../wiring';

export interface AddUserToGroupDependencies {
  changes: Pick<GroupChanges, 'grant'>;
}

/** `POST /user-group/{groupname}?username=`: grants the group, for admins; answers the user's groups. */
export function addUserToGroup({ changes }: AddUserToGroupDependencies) {
  return httpHandler({ access: ADMINS, path: groupPath, query: usernameQuery }, async (request) =>
    ok(
      await changes.grant(request.query.username, request.path.groupname, {
        actor: request.principal.username,
        requestId: request.requestId,
      }),
    ),
  );
}

export const handler = addUserToGroup(groupChangesDependencies());
