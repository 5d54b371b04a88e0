/** Words in both languages the product ships in. */
export interface Localized {
  ru: string;
  en: string;
}

export type FlowLocale = keyof Localized;

export const t = (ru: string, en: string): Localized => ({ ru, en });
