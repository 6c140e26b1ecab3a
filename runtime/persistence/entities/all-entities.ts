import { identityEntities } from '../../identity/entities/index.js';
import { attachmentSchema } from './attachment.js';
import { bufferedMessageSchema } from './buffered-message.js';
import { bylawSettingsSchema } from './bylaw-settings.js';
import { calendarYearSchema } from './calendar-year.js';
import { caseSummarySchema } from './case-summary.js';
import { commentSchema } from './comment.js';
import { definitionSchema } from './definition.js';
import { historyEventSchema } from './history-event.js';
import { incidentSchema } from './incident.js';
import { instanceVariableSchema } from './instance-variable.js';
import { jobSchema } from './job.js';
import { libraryRecordSchema } from './library-record.js';
import { messageSubscriptionSchema } from './message-subscription.js';
import { notificationSchema } from './notification.js';
import { outboxMessageSchema } from './outbox-message.js';
import { processInstanceSchema } from './process-instance.js';
import { retentionPolicySchema } from './retention-policy.js';
import { taskCandidateSchema } from './task-candidate.js';
import { userTaskSchema } from './user-task.js';

/** Every entity of the runtime (workflow and identity); the schema migrations must match these (a test checks it). */
export const allEntities = [
  definitionSchema,
  processInstanceSchema,
  userTaskSchema,
  taskCandidateSchema,
  instanceVariableSchema,
  jobSchema,
  messageSubscriptionSchema,
  bufferedMessageSchema,
  incidentSchema,
  historyEventSchema,
  commentSchema,
  attachmentSchema,
  outboxMessageSchema,
  notificationSchema,
  retentionPolicySchema,
  libraryRecordSchema,
  calendarYearSchema,
  caseSummarySchema,
  bylawSettingsSchema,
  ...identityEntities,
];
