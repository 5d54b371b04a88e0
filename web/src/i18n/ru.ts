// Russian messages: what every page needs (core.ru.ts) and the staff console's (console.ru.ts).
import consoleRu from './console.ru';
import coreRu from './core.ru';
import type { Messages } from './en';

const ru: Messages = { ...coreRu, ...consoleRu };

export default ru;
