/** The browser specs' Chromium: the launcher lives in libs/devstack (screenshots and bench:web use it too). */
export {
  CHROMIUM_FLAGS,
  findChromium,
  launchBrowser,
  signInWithForm,
} from '../../libs/devstack/src/chromium';
export type { ChromiumExecutable } from '../../libs/devstack/src/chromium';
