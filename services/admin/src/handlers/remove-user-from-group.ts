import { ADMINS, httpHandler, ok } from '@estore/core/http';
import type { GroupChanges } from '../group-changes';
import { groupPath, usernameQuery } from '../schemas';
import { groupChangesDependencies } from '../wiring';

export interface RemoveUserFromGroupDependencies {
  changes: Pick<GroupChanges, 'withdraw'>;
}

/** `DELETE /user-group/{groupname}?username=`: withdraws the group, for admins; answers the user's groups. */
export function removeUserFromGroup({ changes }: RemoveUserFromGroupDependencies) {
  return httpHandler({ access: ADMINS, path: groupPath, query: usernameQuery }, async (request) =>
    ok(
      await changes.withdraw(request.query.username, request.path.groupname, {
        actor: request.principal.username,
        requestId: request.requestId,
      }),
    ),
  );
}

export const handler = removeUserFromGroup(groupChangesDependencies());
