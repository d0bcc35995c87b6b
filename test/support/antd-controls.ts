/** Driving Ant Design controls in the browser specs the way a person does: type, confirm, choose. */
import type { Locator, Page } from 'playwright-core';

/** An antd motion class (rc-motion): the element is still zooming, sliding or fading in or out. */
const MOTION_CLASS = /(^|\s)ant-[\w-]+-(appear|enter|leave)(-prepare|-start|-active)?(\s|$)/;

/**
 * Waits until an overlay (modal, drawer, popconfirm) has finished its opening motion, and returns
 * it. While it zooms or slides in, a button in it moves under the pointer: a press and a release
 * that land on different spots make no click, and on CI's loaded machine a confirmation's click
 * was lost that way (the confirmation stayed open, nothing was sent).
 */
export async function settled(overlay: Locator): Promise<Locator> {
  await overlay.waitFor();
  const element = (await overlay.elementHandle()) as unknown as PageElement;
  await overlay.page().waitForFunction(
    ([target, motion]: [PageElement, string]) => {
      for (let e: PageElement | null = target; e && e.tagName !== 'BODY'; e = e.parentElement)
        if (new RegExp(motion).test(e.getAttribute('class') ?? '')) return false;
      return true;
    },
    [element, MOTION_CLASS.source] as [PageElement, string],
  );
  return overlay;
}

/** The open dropdowns of Select and TreeSelect controls (closed ones stay in the page, hidden). */
const openDropdowns = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** The dropdown of a Select control: the one holding the listbox its input names in `aria-controls`. */
async function dropdownOf(page: Page, control: Locator): Promise<Locator> {
  const list = await control.getAttribute('aria-controls');
  return list
    ? page.locator('.ant-select-dropdown', { has: page.locator(`[id="${list}"]`) })
    : openDropdowns(page).last();
}

/** The `.ant-select` around a control's input. */
const selectOf = (control: Locator) =>
  control.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );

/**
 * Chooses an option of a Select the way a person does: opens it (typing `search` first, if given),
 * waits until the dropdown has finished opening, clicks the option showing `text`, and looks that
 * the select now shows it; again if it does not (three tries). A click on an option while the
 * dropdown still slides in was lost on CI's loaded machine, and the form was refused for the field.
 */
export async function chooseOption(
  page: Page,
  control: Locator,
  text: string,
  search?: string,
): Promise<void> {
  const select = selectOf(control);
  for (let attempt = 1; ; attempt++) {
    await control.click();
    if (search !== undefined) await control.fill(search);
    const dropdown = await settled(await dropdownOf(page, control));
    await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).click();
    const shown = await select
      .filter({ hasText: text })
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    if (attempt === 3)
      throw new Error(
        `"${text}" was not chosen after ${attempt} tries: the select shows "${await select.innerText()}"`,
      );
  }
}

/** The confirmation (Popconfirm) that is open now: closed ones stay in the page, hidden. */
export const openPopconfirm = (page: Page): Locator =>
  page.locator('.ant-popconfirm:not(.ant-popover-hidden)');

/** What `settled` reads of an element in the page (the specs compile without the DOM's types). */
interface PageElement {
  tagName: string;
  parentElement: PageElement | null;
  getAttribute(name: string): string | null;
}

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
  // a TreeSelect's input names no listbox of its dropdown: the one open is the one shown last
  const dropdown = await settled(openDropdowns(page).last());
  await dropdown
    .locator('.ant-select-tree-node-content-wrapper', { hasText: `（${code}）` })
    .last()
    .click();
  await selectOf(control)
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
