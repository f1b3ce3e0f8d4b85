import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, ValidateNested } from 'class-validator';
import { createValidationPipe } from './validation.pipe';

class Line {
  @IsInt() @Max(100) readonly quantity!: number;
}
class Body {
  @IsString() readonly name!: string;
  @ValidateNested({ each: true }) @Type(() => Line) readonly lines!: Line[];
}

async function messageFor(value: unknown): Promise<string> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: Body });
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { message: string }).message;
  }
  throw new Error('expected a 400');
}

describe('createValidationPipe', () => {
  it('names nested fields by their path', async () => {
    const message = await messageFor({ name: 'x', lines: [{ quantity: 1 }, { quantity: 500 }] });
    expect(message).toBe('lines.1.quantity must not be greater than 100');
  });

  it('rejects unknown fields by name', async () => {
    expect(await messageFor({ name: 'x', lines: [], admin: true })).toBe(
      'admin is not an allowed field',
    );
  });

  it('reports every offending field', async () => {
    const message = await messageFor({ lines: 'nope' });
    expect(message).toContain('name must be a string');
    expect(message).toContain('lines');
  });

  it('passes a valid body through as the DTO class', async () => {
    const body = await createValidationPipe().transform(
      { name: 'x', lines: [{ quantity: 2 }] },
      { type: 'body', metatype: Body },
    );
    expect(body).toBeInstanceOf(Body);
    expect(body.lines[0]).toBeInstanceOf(Line);
  });

  it('drops unknown query parameters and still validates the declared ones', async () => {
    class Query {
      @IsInt() @Max(100) readonly limit!: number;
    }
    const pipe = createValidationPipe();
    const query = (await pipe.transform(
      { limit: 5, _: '1700000000' },
      { type: 'query', metatype: Query },
    )) as Record<string, unknown>;
    expect(query).toEqual({ limit: 5 });
    await expect(
      pipe.transform({ limit: 500 }, { type: 'query', metatype: Query }),
    ).rejects.toThrow(BadRequestException);
  });
});
