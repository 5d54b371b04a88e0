// Russian messages: what every page needs (core.ru.ts) and the staff console's (console.ru.ts).
import consoleRu from './console.ru';
import coreRu from './core.ru';
import { portalPagesRu } from './portal-pages';
import type { Messages } from './en';

const ru: Messages = { ...coreRu, ...consoleRu, portal: { ...coreRu.portal, ...portalPagesRu } };

export default ru;
