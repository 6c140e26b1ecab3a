import type { SqlTx } from '../persistence/sql-database.js';
import { toText } from '../persistence/sql-database.js';
import type { CaseDimension } from './case-dimensions.js';

/** Chinese labels for the stable English option values the templates record. */
export const categoryLabels: Readonly<Record<string, string>> = {
  repair: '报修',
  noise: '噪音',
  parking: '停车',
  greening: '绿化',
  sanitation: '环境卫生',
  other: '其他',
  'property-service': '物业服务',
  environment: '环境',
  safety: '安全',
  facilities: '设施',
  neighbourhood: '邻里关系',
  stairwell: '楼道',
  garbage: '垃圾分类',
  weather: '防汛防台',
};

export const handlerLabels: Readonly<Record<string, string>> = { pm: '物业服务企业', rc: '居委会', oc: '业委会', party: '居民区党组织', street: '街道' };

export const processLabels: Readonly<Record<string, string>> = {
  complaint: '投诉处理',
  opinion: '意见征集',
  'three-meetings': '重大事项“三会”',
  'owner-vote': '业主表决',
  'property-evaluation': '物业服务评议',
  'community-proposal': '社区提案',
  'self-governance-fund': '自治金项目',
  'patrol-report': '巡查上报',
  'elevator-consultation': '加装电梯意见征询',
};

/** The property evaluation meeting's conclusion. */
export const conclusionLabels: Readonly<Record<string, string>> = { qualified: '合格', unqualified: '不合格' };

export function labelOf(labels: Readonly<Record<string, string>>, value: string | null): string {
  if (value === null) return '未填写';
  return labels[value] ?? value;
}

/**
 * How a case table names its groups, as the dashboard does: processes, categories and handling
 * parties by their Chinese labels, communities by name (`communityNames`: id → name), buildings
 * and months as they are.
 */
export function groupLabeller(dimension: CaseDimension, communityNames: ReadonlyMap<string, string> = new Map()): (group: string | null) => string {
  if (dimension === 'process') return (g) => labelOf(processLabels, g);
  if (dimension === 'category') return (g) => labelOf(categoryLabels, g);
  if (dimension === 'handler') return (g) => labelOf(handlerLabels, g);
  if (dimension === 'community') return (g) => (g === null ? '未填写' : (communityNames.get(g) ?? g));
  return (g) => g ?? '未填写';
}

/** Every community's display name (id → name), for tables that list communities. */
export async function communityNames(db: SqlTx): Promise<Map<string, string>> {
  const rows = await db.all('SELECT id, name FROM id_community');
  return new Map(rows.map((row) => [toText(row.id), toText(row.name)]));
}
