import { readFile } from 'node:fs/promises';
import { CommunityStore } from '../identity/community-store.js';
import { templateCommunity, type TemplateLog } from '../deploy-templates.js';
import type { SqlWorkflowService } from '../services/sql-workflow-service.js';
import type { WorkflowService } from '../services/workflow-service.js';

/** The timer-started monthly report process (issue 10), shipped beside the statistics. */
export const monthlyReportBpmn = new URL('./monthly-report.bpmn', import.meta.url);

/**
 * Deploys the monthly report process into every community (and the template community), so on
 * the 1st of each month at 08:30 Shanghai time each community gets a case for the month before
 * that tells its residents' committee where to print the report. Called at every start-up:
 * unchanged content makes no new version and leaves the armed start timer alone, so a restart
 * never fires a month twice. A community created later receives it when it is created
 * (`deployMonthlyReportInto`, called by the community route).
 */
export async function deployMonthlyReport(service: SqlWorkflowService, log: TemplateLog): Promise<number> {
  const communities = new Set([templateCommunity, ...(await new CommunityStore(service.db, Date.now).list()).map((c) => c.id)]);
  let deployed = 0;
  for (const community of [...communities].sort()) {
    try {
      if (await deployMonthlyReportInto(service, community)) deployed += 1;
    } catch (error) {
      log.warn({ community, err: error }, '月度报告流程部署失败 / the monthly report process could not be deployed');
    }
  }
  log.info({ deployed, communities: communities.size }, '月度报告流程已部署 / monthly report process deployed');
  return deployed;
}

/** The shipped file, read once per process. */
let shipped: Promise<string> | undefined;

/** Deploys the monthly report process into one community; whether that made a new version. */
export async function deployMonthlyReportInto(service: WorkflowService, community: string): Promise<boolean> {
  shipped ??= readFile(monthlyReportBpmn, 'utf8');
  const result = await service.deployDefinition({ community, userId: 'system', kind: 'bpmn', content: await shipped });
  return !result.unchanged;
}
