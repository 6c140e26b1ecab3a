import { date, form, note, number, radio, row, textarea } from '../form-builder.js';

const topic = (id: string) => note(id, '**表决事项**：{{voteTopic}}（{{if voteKind = "special" then "特别事项：参与表决面积和人数的 3/4 以上同意" else "一般事项：参与表决面积和人数过半数同意"}}）');

/** Forms of the shared owner vote (业主共同决定). */
export const ownerVoteForms = [
  form('owner-vote-notice', [
    topic('Text_noticeTopic'),
    row(date('voteStart', '表决开始日期', { required: true }), date('voteEnd', '表决截止日期', { required: true })),
    radio('voteMethod', '表决方式', [['paper', '书面表决票'], ['online', '线上表决（社区云）'], ['both', '书面与线上结合']], { required: true }),
    textarea('voteNotice', '表决公告内容', { required: true, minLength: 10, maxLength: 2000 }),
  ]),
  form('owner-vote-count', [
    topic('Text_countTopic'),
    note('Text_countHint', '面积单位：平方米（专有部分建筑面积）。人数按户计，一户多人只计一票。'),
    row(number('totalArea', '专有部分总面积', { required: true, min: 1, decimalDigits: 2 }), number('totalOwners', '业主总人数', { required: true, min: 1, decimalDigits: 0 })),
    row(number('votedArea', '参与表决面积', { required: true, min: 0, decimalDigits: 2 }), number('votedOwners', '参与表决人数', { required: true, min: 0, decimalDigits: 0 })),
    row(number('approveArea', '同意面积', { required: true, min: 0, decimalDigits: 2 }), number('approveOwners', '同意人数', { required: true, min: 0, decimalDigits: 0 })),
    textarea('countNote', '计票说明（监票人、废票等）', { maxLength: 500 }),
  ]),
];
