// The error model the CLI reproduces from Go: plain errors, xerrors-style wraps ("prefix: %w"),
import { quote } from '../../go/index.ts';
// net/url.Error, go-multierror, serpent.RunCommandError, codersdk.Error (SdkError) and the
// cliui.ErrCanceled sentinel. error() is Go's Error() text; unwrap() is Go's Unwrap().

export abstract class GoError extends Error {
  constructor() {
    super();
    // Thrown GoErrors read like Go errors: message is Error().
    Object.defineProperty(this, 'message', { get: () => this.error(), configurable: true, enumerable: false });
  }
  abstract error(): string;
  unwrap(): GoError | undefined {
    return undefined;
  }
}

/** errors.New / fmt.Errorf without %w. */
export class TextError extends GoError {
  constructor(readonly text: string) {
    super();
  }
  error(): string {
    return this.text;
  }
}

/** xerrors.Errorf("<prefix>: %w", inner). `xerrors` marks wraps that carry a stack frame in %+v. */
export class WrapError extends GoError {
  constructor(
    readonly prefix: string,
    readonly inner: GoError,
    readonly xerrors = true,
  ) {
    super();
  }
  error(): string {
    return `${this.prefix}: ${this.inner.error()}`;
  }
  override unwrap(): GoError {
    return this.inner;
  }
}

/** Go *url.Error: `<Op> "<url>": <cause>`, Op is the method title-cased ("Get", "Post", "Put"). */
export class URLError extends WrapError {
  constructor(
    readonly method: string,
    readonly url: string,
    cause: GoError,
  ) {
    super(`${method[0]}${method.slice(1).toLowerCase()} ${quote(url)}`, cause, false);
  }
}

/** A Go error identity the caller can test for (context.Canceled, io.ErrUnexpectedEOF, …). */
export class SentinelError extends TextError {}

export const ErrCanceledCtx = new SentinelError('context canceled');
export const ErrDeadlineExceeded = new SentinelError('context deadline exceeded');
export const ErrUnexpectedEOF = new SentinelError('unexpected EOF');
export const ErrEOF = new SentinelError('EOF');

/** cliui.ErrCanceled: main exits 1 and prints nothing. */
export const ErrCanceled = new SentinelError('canceled');

/** Go errors.Is over the Unwrap chain. */
export function errorsIs(err: GoError | undefined, target: GoError): boolean {
  for (let e = err; e; e = e.unwrap()) if (e === target) return true;
  return false;
}

/** hashicorp/go-multierror (ListFormatFunc text), or with `joined` Go's errors.Join (Unwrap() []error). */
export class MultiError extends GoError {
  constructor(
    readonly errors: GoError[],
    readonly joined = false,
  ) {
    super();
  }
  error(): string {
    if (this.joined) return this.errors.map((e) => e.error()).join('\n');
    if (this.errors.length === 1) return `1 error occurred:\n\t* ${this.errors[0].error()}\n\n`;
    return `${this.errors.length} errors occurred:\n\t${this.errors.map((e) => `* ${e.error()}`).join('\n\t')}\n\n`;
  }
}

/** serpent.RunCommandError: an error returned by a handler or its middleware. */
export class RunCommandError extends GoError {
  constructor(
    readonly cmdFullName: string,
    readonly err: GoError,
  ) {
    super();
  }
  error(): string {
    return `running command ${quote(this.cmdFullName)}: ${this.err.error()}`;
  }
  override unwrap(): GoError {
    return this.err;
  }
}

export interface Validation {
  field: string;
  detail: string;
}

/** codersdk.Error: an API error response plus request method/URL/status. */
export class SdkError extends GoError {
  constructor(
    readonly init: {
      statusCode: number;
      method: string;
      url: string;
      message: string;
      detail?: string;
      validations?: Validation[];
      helper?: string;
    },
  ) {
    super();
  }
  get statusCode(): number {
    return this.init.statusCode;
  }
  get method(): string {
    return this.init.method;
  }
  get url(): string {
    return this.init.url;
  }
  /** codersdk.Response.Message (`message` itself is the Go Error() text, as for every GoError). */
  get apiMessage(): string {
    return this.init.message;
  }
  get detail(): string {
    return this.init.detail ?? '';
  }
  get validations(): Validation[] {
    return this.init.validations ?? [];
  }
  get helper(): string {
    return this.init.helper ?? '';
  }
  error(): string {
    let s = '';
    if (this.method !== '' && this.url !== '') s += `${this.method} ${this.url}: `;
    s += `unexpected status code ${this.statusCode}: ${this.apiMessage}`;
    if (this.helper !== '') s += `: ${this.helper}`;
    if (this.detail !== '') s += `\n\tError: ${this.detail}`;
    for (const v of this.validations) s += `\n\t${v.field}: ${v.detail}`;
    return s;
  }
}
