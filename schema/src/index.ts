export * from './access';
export * from './locales';
