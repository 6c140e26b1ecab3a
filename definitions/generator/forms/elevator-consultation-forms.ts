import { date, files, form, note, number, row, select, table, textarea, textfield } from '../form-builder.js';
import { building, phone, unit } from './common-fields.js';

const summary = (id: string) => note(id, '**加装电梯**：{{building}}号{{unit}}单元（{{floors}} 层，{{householdCount}} 户）');

/** Forms of the elevator consultation template (加装电梯意见征询). */
export const elevatorConsultationForms = [
  form('elevator-start', [
    row(building(), unit(), number('floors', '楼层数', { required: true, min: 2, max: 30, decimalDigits: 0, columns: 4 })),
    row(number('householdCount', '本单元户数', { required: true, min: 2, max: 200, decimalDigits: 0 }), textfield('leaderName', '牵头人', { required: true, maxLength: 20 }), phone()),
    textarea('reason', '发起缘由', { required: true, minLength: 5, maxLength: 1000 }),
  ]),
  form('elevator-prepare', [
    summary('Text_prepareSummary'),
    textfield('designCompany', '设计/代建单位', { maxLength: 50 }),
    textarea('planSummary', '方案概要（井道位置、停靠方式）', { required: true, minLength: 10, maxLength: 2000 }),
    number('costEstimate', '估算总价（元）', { required: true, min: 0, decimalDigits: 2 }),
    textarea('costSharing', '费用分摊方案（按楼层系数）', { required: true, minLength: 10, maxLength: 2000 }),
    date('consultationEnd', '征询截止日期', { required: true }),
    files('planFiles', '方案图纸与效果图'),
  ]),
  form('elevator-consent', [
    summary('Text_consentSummary'),
    note('Text_consentHint', '按书面征询表逐户登记：面积为房产证专有部分建筑面积；未交回征询表的登记为“未表态”。'),
    table('households', '逐户意见', [
      row(
        textfield('room', '室号', { required: true, pattern: '^[0-9]{3,4}$' }),
        textfield('ownerName', '业主', { required: true, maxLength: 20 }),
        number('area', '面积（㎡）', { required: true, min: 1, max: 1000, decimalDigits: 2 }),
        select('opinion', '意见', [['agree', '同意'], ['disagree', '不同意'], ['abstain', '弃权'], ['no-reply', '未表态']], { required: true }),
      ),
    ]),
    files('consentForms', '征询表扫描件'),
  ]),
  form('elevator-coordination', [
    summary('Text_coordinationSummary'),
    note('Text_coordinationCount', '上次计算：参与 {{consentResult.votedOwners}}/{{consentResult.totalOwners}} 户，同意 {{consentResult.approveOwners}} 户。'),
    date('coordinationOn', '协调会日期', { required: true }),
    textarea('coordinationMinutes', '协调会记录（低层住户意见、补偿方案等）', { required: true, minLength: 10, maxLength: 3000 }),
    textarea('costSharing', '调整后的费用分摊方案', { required: true, minLength: 10, maxLength: 2000 }),
  ]),
  form('elevator-milestone', [
    summary('Text_milestoneSummary'),
    note('Text_milestoneName', '**节点**：{{milestone.name}}'),
    row(date('milestoneDoneOn', '完成日期', { required: true }), textfield('documentNo', '批文/证书编号', { maxLength: 50 })),
    textarea('milestoneNote', '说明', { maxLength: 1000 }),
    files('milestoneFiles', '批文、照片'),
  ]),
];
