import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultCalendarYears } from '../../engine/calendar/index.js';
import type { DefinitionWithContent, WorkflowService } from '../services/workflow-service.js';
import { createFormChecks } from './forms.js';

/** A form whose field only shows before 2030: hidden once the clock is past it. */
const form = {
  id: 'renovation-notice',
  type: 'default',
  components: [
    { id: 'plan', key: 'plan', type: 'textfield', label: '施工计划' },
    { id: 'legacyPermit', key: 'legacyPermit', type: 'textfield', label: '旧版许可证号', conditional: { hide: '=today() >= date("2030-01-01")' } },
  ],
};

/** What form checks use of the workflow service: the form (version row and content), and the service's clock. */
function serviceAt(now: number): WorkflowService {
  const definition: DefinitionWithContent = {
    id: 'f1', kind: 'form', key: form.id, name: null, version: 1, contentHash: 'x', community: 'demo', deployedBy: 'test', deployedAt: '2026-01-01T00:00:00.000Z', content: JSON.stringify(form),
  };
  const stand = { getDefinition: async () => definition, getDefinitionVersion: async () => definition, clock: { now: () => now, calendar: createWorkingCalendar(defaultCalendarYears) } };
  return stand as unknown as WorkflowService; // only the two definition reads and clock are called
}

describe('form checks', () => {
  it("should evaluate a field's FEEL condition at the service's time, not the machine's", async () => {
    // given a service whose clock stands in 2031
    const checks = createFormChecks(serviceAt(Date.parse('2031-03-02T09:00:00+08:00')));

    // when a submission includes the field the form hides from 2030 on
    const kept = await checks.validateTaskVariables({ community: 'demo', formId: form.id, variables: { plan: '周末不施工', legacyPermit: 'A-17' }, context: {} });

    // then the hidden field is dropped, as the browser would not have shown it
    expect(kept).toEqual({ plan: '周末不施工' });
  });
});
