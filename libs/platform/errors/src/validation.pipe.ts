import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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

/**
 * The global pipe (style.md §5): unknown fields rejected, payloads transformed to DTO classes,
 * and a 400 whose message names every offending field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
  });
}
