import { InMemoryDriver, SCENARIO_START, type DriverMode } from './in-memory-driver.js';
import { RestDriver } from './rest-driver.js';
import { RestWorld } from './rest-world.js';
import type { ScenarioDriver } from './scenario-driver.js';

/** A scenario driver that can also list the open incidents of a case (a scenario ending with one has found a defect). */
export interface TemplateDriver extends ScenarioDriver {
  incidents(instanceId: string): Promise<string[]>;
}

/** How a template test gets a fresh driver (a fresh engine, or a fresh community on the shared app). */
export interface DriverFactory {
  readonly name: DriverMode | 'rest';
  create(options?: { readonly now?: number }): Promise<TemplateDriver>;
}

let world: Promise<RestWorld> | undefined;

const inMemory = (mode: DriverMode): DriverFactory => ({ name: mode, create: (options = {}) => InMemoryDriver.create({ ...options, mode }) });

const all: readonly DriverFactory[] = [
  inMemory('continuous'),
  inMemory('restarted'),
  {
    name: 'rest',
    async create(options = {}) {
      world ??= RestWorld.open();
      return RestDriver.create(await world, options.now ?? SCENARIO_START);
    },
  },
];

/**
 * Every way the template scenarios run: on the in-memory engine (continuous, and restarted from
 * a JSON snapshot after each step), and through the REST API as the signed-in people of each
 * role (issue 8's proof). `SCENARIO_DRIVERS=rest` (comma-separated names) runs a subset.
 */
export const scenarioDrivers: readonly DriverFactory[] = (() => {
  const wanted = process.env.SCENARIO_DRIVERS?.split(',').map((name) => name.trim());
  return wanted ? all.filter((driver) => wanted.includes(driver.name)) : all;
})();

/** Closes the test file's REST app (its database is dropped); for `afterAll`. */
export async function closeScenarioDrivers(): Promise<void> {
  const opened = world;
  world = undefined;
  if (opened) await (await opened).close();
}
