export * from './graph';
export * from './text';
export * from './events';
export * from './definition';
export * from './catalog';
export * from './validate';
export * from './compile';
export { bucket, pickVariant, variantPicker } from './hash';
