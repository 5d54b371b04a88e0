import { DomainError } from '../errors';

/** The reset link is unknown, spent or past its time: the member asks for a new one. */
export class InvalidResetTokenError extends DomainError {
  readonly code = 'INVALID_RESET_TOKEN';
  constructor() {
    super('This reset link is not valid any more. Ask for a new one.');
  }
}
