import { describe, expect, it } from 'vitest';
import { fieldErrorMap, unplacedErrors } from './forms';

describe('fieldErrorMap', () => {
  it('maps input paths to field names', () => {
    const map = fieldErrorMap([
      { path: ['input', 'email'], message: 'must be an email address' },
      { path: ['input', 'password'], message: 'must be at least 8 characters' },
    ]);
    expect(map).toEqual({ email: 'must be an email address', password: 'must be at least 8 characters' });
  });

  it('keeps the first message per field and folds nested paths into their field', () => {
    const map = fieldErrorMap([
      { path: ['input', 'scopes', '0'], message: 'invalid scope' },
      { path: ['input', 'scopes'], message: 'give the key at least one scope' },
    ]);
    expect(map).toEqual({ scopes: 'invalid scope' });
  });

  it('reports errors for fields the form does not have', () => {
    const map = fieldErrorMap([
      { path: ['input', 'locale'], message: 'must be ru or en' },
      { path: ['input', 'email'], message: 'taken' },
    ]);
    expect(unplacedErrors(map, ['email', 'password'])).toEqual(['locale: must be ru or en']);
  });
});
