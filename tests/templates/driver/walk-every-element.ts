import { expect, it } from 'vitest';
import { unvisitedElements, untakenGatewayFlows } from './element-coverage.js';
import { scenarioDrivers } from './scenario-drivers.js';

/**
 * The last test of a template's scenario file: every flow node of the template (each gateway
 * branch's target, each loop's exit, each timer, message and end) was entered by at least one
 * scenario above on the in-memory engine. Skipped when only the REST driver runs.
 */
export function itWalksEveryElement(processId: string): void {
  it.runIf(scenarioDrivers.some((driver) => driver.name !== 'rest'))(`should walk every element of ${processId} in the scenarios above`, () => {
    expect(unvisitedElements(processId)).toEqual([]);
    expect(untakenGatewayFlows(processId)).toEqual([]);
  });
}
