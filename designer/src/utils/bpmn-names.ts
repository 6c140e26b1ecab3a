/** Element names by id from a BPMN file, for history lines ("完成：受理"). */
export function bpmnElementNames(xml: string): Record<string, string> {
  const names: Record<string, string> = {};
  if (xml === '') return names;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const element of Array.from(doc.getElementsByTagName('*'))) {
    const id = element.getAttribute('id');
    const name = element.getAttribute('name');
    if (id !== null && name !== null && name !== '') names[id] = name;
  }
  return names;
}
