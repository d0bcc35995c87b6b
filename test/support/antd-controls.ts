/** Driving Ant Design controls in the browser specs the way a person does: type, confirm, choose. */
import type { Locator, Page } from 'playwright-core';

/** The open DatePicker panel, if any (antd renders the panels in a portal, one open at a time). */
const openDatePanel = (page: Page) => page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');

/**
 * Types a date into an antd DatePicker and confirms it with Enter, which takes the date and closes
 * the panel. A person whose Enter did not take (the panel still open, or another date shown) types
 * it again: under CI's load the picker has now and then missed one, and the form was then refused
 * for an empty date.
 */
export async function pickDate(input: Locator, date: string): Promise<void> {
  const page = input.page();
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    const closed = await openDatePanel(page)
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    const shown = await input.inputValue();
    if (closed && shown === date) return;
    if (attempt === 3)
      throw new Error(
        `the date ${date} was not taken after ${attempt} tries: the field shows "${shown}", the panel is ${closed ? 'closed' : 'open'}`,
      );
  }
}

/** What a form or dialog shows as wrong: its field errors and alerts, for a failure's message. */
export async function problemsShown(scope: Locator): Promise<string> {
  const texts = await scope
    .locator('.ant-form-item-explain-error, [role="alert"]')
    .allInnerTexts()
    .catch(() => []);
  return texts.length > 0 ? texts.join('; ') : 'no error shown';
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
