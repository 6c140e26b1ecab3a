const zeebeNs = 'http://camunda.org/schema/zeebe/1.0';

function propertyOf(element: Element | undefined): string | null {
  if (element === undefined) return null;
  const extensions = Array.from(element.children).find((child) => child.localName === 'extensionElements');
  if (extensions === undefined) return null;
  for (const property of Array.from(extensions.getElementsByTagNameNS(zeebeNs, 'property'))) {
    if (property.getAttribute('name') === 'startableBy') return property.getAttribute('value');
  }
  return null;
}

/**
 * The roles allowed to start a process (`zeebe:property startableBy` on its none start event or
 * the process, as the server reads it), or null when anyone in the community may.
 */
export function startableBy(xml: string): string[] | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const process = Array.from(doc.getElementsByTagNameNS('*', 'process'))[0];
  const start = process === undefined ? undefined : Array.from(process.children).find((child) => child.localName === 'startEvent' && !Array.from(child.children).some((c) => c.localName.endsWith('EventDefinition')));
  const value = propertyOf(start) ?? propertyOf(process);
  if (value === null) return null;
  return value
    .split(/[,，\s]+/)
    .map((role) => role.trim())
    .filter((role) => role !== '');
}

/**
 * Whether someone holding `roles` may start it, as the server decides: unrestricted processes
 * are for staff; a listed role may; staff may also record a resident's or public process on
 * the resident's behalf.
 */
export function mayStart(allowed: readonly string[] | null, roles: readonly string[]): boolean {
  const staff = roles.some((role) => role !== 'resident');
  if (allowed === null) return staff;
  if (roles.some((role) => allowed.includes(role))) return true;
  return staff && (allowed.includes('resident') || allowed.includes('public'));
}
