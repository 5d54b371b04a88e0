// English messages: what every page needs (core.en.ts) and the staff console's
// (console.en.ts). index.ts starts with the first and loads the second with the console.
import consoleEn from './console.en';
import coreEn from './core.en';
import { portalPagesEn } from './portal-pages';

const en = { ...coreEn, ...consoleEn, portal: { ...coreEn.portal, ...portalPagesEn } };

export type Messages = typeof en;
export default en;
