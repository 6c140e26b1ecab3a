import type { Locator, Page } from 'playwright-core';

/** The form-js field whose label starts with `label`. */
export function formField(page: Page, label: string): Locator {
  return page.locator('.fjs-form-field').filter({ has: page.locator('label', { hasText: label }) }).first();
}

export async function fillField(page: Page, label: string, value: string): Promise<void> {
  await formField(page, label).locator('input, textarea').first().fill(value);
}

/** Opens a form-js select and picks the option with this text. */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  const field = formField(page, label);
  await field.locator('.fjs-input-group').click();
  await field.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

export async function chooseRadio(page: Page, label: string, option: string): Promise<void> {
  await formField(page, label).locator('label[for]').getByText(option, { exact: true }).click();
}

/** The sum the human check asks for (its English half names the numbers in digits). */
export function humanCheckAnswer(question: string): string {
  const match = /What is (\d+) plus (\d+)/.exec(question);
  if (match === null) throw new Error(`unexpected human check: ${question}`);
  return String(Number(match[1]) + Number(match[2]));
}

/** In the inbox: waits for the task in 待认领, claims it and opens it. */
export async function claimAndOpen(page: Page, baseUrl: string, taskName: string): Promise<void> {
  await page.goto(`${baseUrl}/inbox?tab=claimable`);
  const row = page.locator('[data-test="task-row"]', { hasText: taskName }).first();
  await row.waitFor({ timeout: 15_000 });
  await page.locator('[data-test="claim"]').first().click();
  await page.locator('[data-test="tab-mine"]').click();
  await page.locator('[data-test="task-row"]', { hasText: taskName }).first().click();
  await page.locator('[data-test="submit-task"]').waitFor();
  await page.locator('.fjs-form').waitFor();
}

/** Submits the task form and waits for the way back to the inbox. */
export async function submitTask(page: Page): Promise<void> {
  await page.locator('[data-test="submit-task"]').click();
  const problem = page.locator('[data-test="problem-summary"], [data-test="conflict"]');
  await Promise.race([page.waitForURL(/\/inbox/), problem.first().waitFor()]);
  if (!/\/inbox/.test(page.url())) await page.screenshot({ path: 'test-artifacts/screenshots/failure-submit.png' });
  if (!/\/inbox/.test(page.url())) throw new Error(`the task was not submitted: ${(await problem.first().textContent()) ?? ''}`);
}
