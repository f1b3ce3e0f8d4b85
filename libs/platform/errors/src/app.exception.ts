/**
 * Base of every module's exception type. Each module declares one subclass with its own code
 * enum (docs/style.md §3) and maps its codes to a transport outcome in one place.
 */
export abstract class AppException<TCode extends string = string> extends Error {
  protected constructor(
    readonly code: TCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The HTTP status this code means at the REST edge. */
  abstract httpStatus(): number;
}
