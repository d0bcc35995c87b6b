/** Driving Ant Design controls in the browser specs the way a person does: type, confirm, choose. */
import type { Locator, Page } from 'playwright-core';

/** Types a date into an antd DatePicker and confirms it. */
export async function pickDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/**
 * Chooses a unit in the unit TreeSelect whose control has this id. A single select closes its
 * dropdown itself; a multiple one is closed with Escape, pressed only while it is still open: an
 * Escape that reaches a Drawer around the form would close the Drawer.
 */
export async function pickUnit(page: Page, id: string, code: string): Promise<void> {
  const control = page.locator(`#${id}`);
  await control.click();
  await control.fill(code);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper', {
      hasText: `（${code}）`,
    })
    .last()
    .click();
  await page
    .locator('.ant-select', { has: control })
    .filter({ hasText: `（${code}）` })
    .waitFor();
  if ((await control.getAttribute('aria-expanded')) === 'true') await control.press('Escape');
  await page.locator(`#${id}[aria-expanded="false"]`).waitFor();
}

/** The error text of the form item holding the control with this id. */
export function fieldError(page: Page, id: string): Locator {
  return page
    .locator('.ant-form-item', { has: page.locator(`[id="${id}"]`) })
    .locator('.ant-form-item-explain-error');
}
