import { shanghai, type CaseSpec } from './case-history.js';

/**
 * Eight cases with figures worked out by hand (see case-measures.test.ts). Around the 2026
 * National Day holiday: 10-01…10-07 off, Saturday 10-10 a make-up working day (调休).
 */
export const knownCases: readonly CaseSpec[] = [
  {
    // A: accepted in time, closed across the holiday: working days in (09-30, 10-09] = 10-08, 10-09 = 2
    id: 'case-a', community: 'c1', processKey: 'complaint', status: 'completed',
    startedAt: shanghai('2026-09-30T10:00:00'), endedAt: shanghai('2026-10-09T16:00:00'),
    variables: { category: 'repair', building: 3, handlerGroup: 'pm', satisfaction: 'satisfied', consentPublic: true, complainantName: '张三', phone: '13800000001' },
    tasks: [{ elementId: 'Task_Accept', createdAt: shanghai('2026-09-30T10:00:00'), dueAt: shanghai('2026-10-08T10:00:00'), completedAt: shanghai('2026-09-30T11:00:00') }],
  },
  {
    // B: accepted late, overdue, unsatisfied; (10-09 Fri, 10-12 Mon] = Sat 10-10 (调休) + Mon 10-12 = 2
    id: 'case-b', community: 'c1', processKey: 'complaint', status: 'completed',
    startedAt: shanghai('2026-10-09T09:00:00'), endedAt: shanghai('2026-10-12T09:00:00'),
    variables: { category: 'noise', building: 5, handlerGroup: 'pm', satisfaction: 'unsatisfied', overdue: true, consentPublic: false, complainantName: '李四', phone: '13800000002' },
    tasks: [{ elementId: 'Task_Accept', createdAt: shanghai('2026-10-09T09:00:00'), dueAt: shanghai('2026-10-10T09:00:00'), completedAt: shanghai('2026-10-10T12:00:00') }],
  },
  {
    // C: open; its acceptance limit passed before "now" (10-20): counted as not responded in time
    id: 'case-c', community: 'c1', processKey: 'complaint', status: 'active',
    startedAt: shanghai('2026-10-12T09:00:00'),
    variables: { category: 'repair', building: 3, consentPublic: true, complainantName: '王五', phone: '13800000003' },
    tasks: [{ elementId: 'Task_Accept', createdAt: shanghai('2026-10-12T09:00:00'), dueAt: shanghai('2026-10-13T09:00:00') }],
  },
  {
    // D: same-day close (0 working days), rated 基本满意: solved but not satisfied
    id: 'case-d', community: 'c1', processKey: 'complaint', status: 'completed',
    startedAt: shanghai('2026-10-14T09:00:00'), endedAt: shanghai('2026-10-14T17:00:00'),
    variables: { category: 'repair', building: 3, handlerGroup: 'rc', satisfaction: 'basic', consentPublic: true, complainantName: '赵六', phone: '13800000004' },
    tasks: [{ elementId: 'Task_Accept', createdAt: shanghai('2026-10-14T09:00:00'), dueAt: shanghai('2026-10-15T09:00:00'), completedAt: shanghai('2026-10-14T10:00:00') }],
  },
  {
    // E: open and its limit not yet reached: not measured for the response rate
    id: 'case-e', community: 'c1', processKey: 'complaint', status: 'active',
    startedAt: shanghai('2026-10-15T09:00:00'),
    variables: { category: 'parking', building: 7 },
    tasks: [{ elementId: 'Task_Accept', createdAt: shanghai('2026-10-15T09:00:00'), dueAt: shanghai('2026-10-21T09:00:00') }],
  },
  {
    // F: cancelled before anyone acted
    id: 'case-f', community: 'c1', processKey: 'complaint', status: 'terminated',
    startedAt: shanghai('2026-10-16T09:00:00'), endedAt: shanghai('2026-10-16T10:00:00'),
    variables: { category: 'other' },
  },
  {
    // G: another community: never in c1's figures
    id: 'case-g', community: 'c2', processKey: 'complaint', status: 'completed',
    startedAt: shanghai('2026-10-09T09:00:00'), endedAt: shanghai('2026-10-20T09:00:00'),
    variables: { category: 'repair', building: 1, satisfaction: 'satisfied' },
    tasks: [{ elementId: 'Task_Accept', createdAt: shanghai('2026-10-09T09:00:00'), dueAt: shanghai('2026-10-10T09:00:00'), completedAt: shanghai('2026-10-09T10:00:00') }],
  },
  {
    // H: a volunteer's patrol report, closed the next working day
    id: 'case-h', community: 'c1', processKey: 'patrol-report', status: 'completed',
    startedAt: shanghai('2026-10-19T09:00:00'), endedAt: shanghai('2026-10-20T09:00:00'),
    variables: { patrolArea: 'garbage', building: 5, reporterRole: 'vol', reporterName: '志愿者甲', phone: '13900000009' },
  },
  {
    // I: the 2025 property evaluation, concluded: averages as the template's script left them
    id: 'case-i', community: 'c1', processKey: 'property-evaluation', status: 'completed',
    startedAt: shanghai('2026-01-12T09:00:00'), endedAt: shanghai('2026-02-27T17:00:00'),
    variables: {
      evaluationYear: 2025,
      conclusion: 'qualified',
      evaluation: { respondents: 12, security: 82.5, cleaning: 76, greening: 88.1, facilities: 70, service: 79.4, overall: 79.2, passScore: 60, suggested: 'qualified' },
      scores: [{ security: 80, scoreComment: '内部意见：保安夜班常缺岗', representative: '代表甲' }],
    },
  },
  {
    // J: a building leader's urgent patrol, still open
    id: 'case-j', community: 'c1', processKey: 'patrol-report', status: 'active',
    startedAt: shanghai('2026-10-19T15:00:00'),
    variables: { patrolArea: 'safety', building: 3, reporterRole: 'bl', urgent: true, reporterName: '楼组长乙', phone: '13900000010' },
  },
];

/** "Now" for the known cases. */
export const knownNow = shanghai('2026-10-20T12:00:00');
