import { DomainError } from '../errors';

/** A club payment whose amount or currency is not the plan's price: nothing is recorded. */
export class PaymentMismatchError extends DomainError {
  readonly code = 'PAYMENT_MISMATCH';
  constructor(
    readonly expectedMinor: number,
    readonly expectedCurrency: string,
    readonly amountMinor: number,
    readonly currency: string,
  ) {
    super(`The plan costs ${expectedMinor} ${expectedCurrency} per period; the payment was ${amountMinor} ${currency}.`);
  }
}
