export const bpmnZhCN: Readonly<Record<string, string>> = {};
