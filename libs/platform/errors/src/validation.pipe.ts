import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';

/** Flattens nested validation errors into `path: constraint` lines naming each field. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, text]) => {
      if (rule === 'whitelistValidation') return `${path} is not an allowed field`;
      // class-validator starts messages with the bare property name; show the full path.
      return text.startsWith(error.property)
        ? `${path}${text.slice(error.property.length)}`
        : `${path}: ${text}`;
    });
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

const OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) =>
    new BadRequestException({
      message: describeValidationErrors(errors).join('; '),
      code: 'VALIDATION_FAILED',
    }),
};

/**
 * Bodies: unknown fields are 400s (docs/api.md). Query strings: unknown parameters are dropped, not
 * refused (a cache-buster or a client's tracking parameter is no error, and OpenAPI cannot say
 * "no other parameters"); the declared ones are validated all the same.
 */
class ShopValidationPipe extends ValidationPipe {
  private readonly forQueries = new ValidationPipe({ ...OPTIONS, forbidNonWhitelisted: false });

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return metadata.type === 'query'
      ? this.forQueries.transform(value, metadata)
      : super.transform(value, metadata);
  }
}

/**
 * The global pipe (docs/style.md §5): unknown body fields rejected, payloads transformed to DTO
 * classes, and a 400 whose message names every offending field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ShopValidationPipe(OPTIONS);
}
