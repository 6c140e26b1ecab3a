import type { CommittedEvent } from '../services/workflow-service.js';
import type { WsServerMessage } from '../schemas/ws-messages.js';
import { staffRoles } from '../identity/roles.js';
import type { Identity } from './identity.js';

/**
 * What one connected person may see of a committed event, as the message to send, or null.
 * Tasks: assignee, candidate users and members of candidate groups. Notifications: the
 * recipient user or role. Instances and incidents: staff of the community (the same roles the
 * REST access rules call staff: party, rc, oc, pm, admin). Job availability is for workers, never for browsers.
 */
export function messageFor(event: CommittedEvent, viewer: Identity): WsServerMessage | null {
  if (event.community !== viewer.community || viewer.userId === null) return null;
  const userId = viewer.userId;
  const isStaff = viewer.groups.some((group) => staffRoles.has(group));
  switch (event.type) {
    case 'task.created':
    case 'task.assigned':
    case 'task.completed':
    case 'task.cancelled': {
      const involved =
        event.assignee === userId || event.candidateUsers.includes(userId) || event.candidateGroups.some((group) => viewer.groups.includes(group));
      return involved ? { type: event.type, taskId: event.taskId, instanceId: event.instanceId, assignee: event.assignee } : null;
    }
    case 'instance.changed':
      return isStaff ? { type: 'instance.changed', instanceId: event.instanceId, status: event.status, version: event.version } : null;
    case 'incident.raised':
    case 'incident.resolved':
      return isStaff ? { type: event.type, incidentId: event.incidentId, instanceId: event.instanceId } : null;
    case 'notification.created': {
      const addressed = event.recipientUser === userId || (event.recipientGroup !== null && viewer.groups.includes(event.recipientGroup));
      return addressed ? { type: 'notification', notificationId: event.notificationId } : null;
    }
    case 'job.available':
      return null;
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled committed event ${JSON.stringify(value)}`);
}
