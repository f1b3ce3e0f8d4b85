import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export const MAX_STOCK = 1_000_000;

/** `POST /products` (admin). */
export class CreateProductRequest {
  @ApiProperty({ example: 'BOOK-006', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { message: 'sku must be letters, digits, - or _' })
  readonly sku!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  readonly name!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  readonly description!: string;

  @ApiProperty({ example: 'books', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/, {
    message: 'category must be letters, digits, spaces, - or _',
  })
  readonly category!: string;

  @ApiProperty({
    type: 'integer',
    example: 1999,
    description: 'Integer cents (USD)',
    minimum: 0,
    maximum: 100_000_000,
  })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  readonly priceCents!: number;

  @ApiProperty({ type: 'integer', example: 10, minimum: 0, maximum: MAX_STOCK })
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  readonly stock!: number;
}
