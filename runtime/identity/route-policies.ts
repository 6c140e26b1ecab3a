import type { FastifyRequest } from 'fastify';
import type { JsonObject } from '../services/workflow-service.js';
import type { Access } from './access.js';
import { historyForViewer, instanceForViewer, type Redaction } from './redactions.js';
import { resourceChecks, type ResourceCheck } from './resource-checks.js';

/** Who may call one route, and what else happens around it. */
export interface RoutePolicy {
  readonly access: Access;
  /** Runs after validation with the resource at hand (task, case, definition). */
  readonly check?: ResourceCheck;
  /** Shapes a successful answer for the caller (residents see less of a case than staff). */
  readonly redact?: Redaction;
  /** Audit action written after a successful answer (who, when, target id, `reason` from the body). */
  readonly audit?: string;
  /** What the audit row records of the request beyond method and route (e.g. the new value). */
  readonly auditData?: (request: FastifyRequest) => JsonObject;
  /** Callable while the user still has to replace a one-time password. */
  readonly duringPasswordChange?: boolean;
  /** Sign-in replaces the session, so it needs no CSRF token of the old one (the origin check still applies). */
  readonly csrfExempt?: boolean;
}

/**
 * Every API route and who may call it, keyed `METHOD /api/path` as fastify registers it (HEAD
 * follows GET). A route missing here is refused for everyone (fail closed) and fails the
 * authorisation matrix test. Identity routes are listed beside the runtime's.
 */
export const routePolicies: Readonly<Record<string, RoutePolicy>> = {
  // system
  'GET /api/health': { access: 'public' },

  // definitions: members read, admins deploy
  'POST /api/definitions': { access: 'communityAdmin', audit: 'definition.deploy' },
  'POST /api/definitions/upload': { access: 'communityAdmin', audit: 'definition.deploy' },
  'GET /api/definitions': { access: 'member' },
  'GET /api/definitions/:kind/:key': { access: 'member' },
  'GET /api/definitions/:kind/:key/versions': { access: 'member' },

  // instances
  'POST /api/instances': { access: 'member', check: resourceChecks.startAllowed },
  'GET /api/instances': { access: 'member', check: resourceChecks.instanceListScope },
  'GET /api/instances/:id': { access: 'member', check: resourceChecks.instanceVisible, redact: instanceForViewer },
  'GET /api/instances/:id/history': { access: 'member', check: resourceChecks.instanceVisible, redact: historyForViewer },
  'POST /api/instances/:id/cancel': { access: 'communityAdmin', audit: 'instance.cancel' },
  'PATCH /api/instances/:id/variables': { access: 'communityAdmin', audit: 'instance.variables' },
  'GET /api/instances/:id/comments': { access: 'member', check: resourceChecks.commentsRead },
  'POST /api/instances/:id/comments': { access: 'member', check: resourceChecks.commentAdd },
  'GET /api/instances/:id/attachments': { access: 'staff' },
  'POST /api/instances/:id/attachments': { access: 'member', check: resourceChecks.instanceVisible },
  'GET /api/attachments/:id': { access: 'member', check: resourceChecks.attachmentVisible },
  'GET /api/attachments/:id/content': { access: 'member', check: resourceChecks.attachmentVisible },

  // tasks: the service filters the list to what the caller may see
  'GET /api/tasks': { access: 'member' },
  'GET /api/tasks/:id': { access: 'member', check: resourceChecks.taskVisible },
  'GET /api/tasks/:id/form': { access: 'member', check: resourceChecks.taskVisible },
  'POST /api/tasks/:id/claim': { access: 'member', check: resourceChecks.taskClaim },
  'POST /api/tasks/:id/unclaim': { access: 'member', check: resourceChecks.taskUnclaim },
  'POST /api/tasks/:id/complete': { access: 'member', check: resourceChecks.taskComplete },
  'POST /api/tasks/:id/assign': { access: 'communityAdmin', check: resourceChecks.taskAssign, audit: 'task.assign' },

  // integrations
  'POST /api/messages': { access: 'worker' },
  'POST /api/signals': { access: 'communityAdmin', audit: 'signal.broadcast' },
  'GET /api/incidents': { access: 'staff' },
  'POST /api/incidents/:id/retry': { access: 'communityAdmin', audit: 'incident.retry' },
  'POST /api/jobs/activate': { access: 'worker' },
  'POST /api/jobs/:key/complete': { access: 'worker' },
  'POST /api/jobs/:key/fail': { access: 'worker' },
  'POST /api/jobs/:key/error': { access: 'worker' },

  // notifications and live updates
  'GET /api/notifications': { access: 'member' },
  'POST /api/notifications/:id/read': { access: 'member' },
  'GET /api/ws': { access: 'member' },

  // history retention per process: the community admin decides how long finished cases are kept
  'GET /api/retention-policies': { access: 'communityAdmin' },
  'PUT /api/retention-policies/:processKey': { access: 'communityAdmin', audit: 'retention.set', auditData: (request) => ({ years: bodyField(request, 'years') }) },
  'DELETE /api/retention-policies/:processKey': { access: 'communityAdmin', audit: 'retention.remove' },

  // the community's bylaw settings (规约参数): public within the community; its admin changes them, with a reason
  'GET /api/bylaw': { access: 'member' },
  'PUT /api/bylaw': { access: 'communityAdmin', audit: 'bylaw.set', auditData: (request) => ({ settings: (request.body as { settings?: JsonObject } | undefined)?.settings ?? null }) },

  // the working-day calendar: staff see the years known; the sub-district admin uploads next year's notice
  'GET /api/calendar/years': { access: 'staff' },
  'PUT /api/calendar/years/:year': { access: 'subDistrictAdmin', audit: 'calendar.upload', auditData: calendarUploadSummary },

  // identity: sign-in and the signed-in user
  'POST /api/auth/login': { access: 'public', csrfExempt: true },
  'POST /api/auth/logout': { access: 'signedIn', duringPasswordChange: true },
  'GET /api/auth/me': { access: 'public', duringPasswordChange: true },
  'POST /api/auth/password': { access: 'signedIn', duringPasswordChange: true },
  'POST /api/auth/community': { access: 'signedIn' },

  // identity: administration
  'GET /api/communities': { access: 'signedIn' },
  'POST /api/communities': { access: 'subDistrictAdmin' },
  'GET /api/roles': { access: 'member' },
  'POST /api/roles': { access: 'communityAdmin' },
  'DELETE /api/roles/:key': { access: 'communityAdmin' },
  'GET /api/users': { access: 'communityAdmin' },
  'POST /api/users': { access: 'communityAdmin' },
  'PUT /api/users/:id/roles': { access: 'communityAdmin' },
  'POST /api/users/:id/reset-password': { access: 'communityAdmin' },
  'GET /api/tokens': { access: 'communityAdmin' },
  'POST /api/tokens': { access: 'communityAdmin' },
  'DELETE /api/tokens/:id': { access: 'communityAdmin' },
  'GET /api/audit': { access: 'communityAdmin' },

  // statistics and the monthly report (runtime/stats): staff of the caller's communities; the public board: anyone
  'GET /api/stats/cases': { access: 'staff' },
  'GET /api/stats/evaluations': { access: 'staff' },
  'GET /api/stats/patrols': { access: 'staff' },
  'GET /api/stats/steps': { access: 'staff' },
  'GET /api/stats/export': { access: 'staff' },
  'GET /api/stats/report/:community': { access: 'staff' },
  'GET /api/public/board/:community': { access: 'public' },
  // the process library (runtime/library): templates, drafts, publishing, monitor
  'GET /api/library/templates': { access: 'staff' },
  'GET /api/library/templates/:key': { access: 'staff' },
  'GET /api/library/processes': { access: 'staff' },
  'POST /api/library/processes/from-template': { access: 'communityAdmin', audit: 'library.copyTemplate' },
  'GET /api/library/:kind/:key/editable': { access: 'staff' },
  'PUT /api/library/:kind/:key/draft': { access: 'communityAdmin' },
  'DELETE /api/library/:kind/:key/draft': { access: 'communityAdmin' },
  'POST /api/library/processes/:key/publish': { access: 'communityAdmin', audit: 'definition.deploy' },
  'POST /api/library/forms/:key/publish': { access: 'communityAdmin', audit: 'definition.deploy' },
  'GET /api/library/processes/:key/template-update': { access: 'staff' },
  'POST /api/library/processes/:key/adopt-template': { access: 'communityAdmin', audit: 'library.adoptTemplate' },
  'GET /api/library/monitor/:key': { access: 'staff' },
  'GET /api/library/monitor/:key/instances': { access: 'staff' },
  'GET /api/library/instances/:id/path': { access: 'staff' },

  // the public intake and tracking (residents without an account)
  'GET /api/public/challenge': { access: 'public' },
  'GET /api/public/communities/:community/intake': { access: 'public' },
  'POST /api/public/communities/:community/intake': { access: 'public' },
  'POST /api/public/track': { access: 'public' },
};

/** The table key of a route (HEAD answers like GET). */
export function policyKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

/** Routes outside the API (the designer's files) and the API documentation need no rule. */
export function needsPolicy(url: string): boolean {
  return url.startsWith('/api') && !url.startsWith('/api/docs');
}

/** One field of a JSON body, as audit data (null when absent or not plain). */
function bodyField(request: FastifyRequest, name: string): string | number | boolean | null {
  const body = request.body as Record<string, unknown> | undefined; // parsed JSON or undefined
  const value = body?.[name];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** What the audit keeps of a calendar upload: the year, how many dates, and the notice it cites. */
function calendarUploadSummary(request: FastifyRequest): JsonObject {
  const body = request.body as { holidays?: unknown; workdays?: unknown } | undefined; // validated by the route's schema
  const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  return { year: bodyField(request, 'year'), holidays: count(body?.holidays), workdays: count(body?.workdays), source: bodyField(request, 'source') };
}
