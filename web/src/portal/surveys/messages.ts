import { addPortalMessages } from '../page-messages';
import en from './messages.en';
import ru from './messages.ru';

addPortalMessages('surveys', en, ru);
