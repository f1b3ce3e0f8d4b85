import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  NOT_BLANK_PATTERN,
  PRODUCT_PAGE_LIMIT_DEFAULT,
  PRODUCT_PAGE_LIMIT_MAX,
} from '@shop/contracts';

const trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** `GET /products?q=&category=&limit=&offset=` */
export class ListProductsQuery {
  @ApiPropertyOptional({
    description: 'Full-text search over name and description',
    maxLength: 200,
  })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(200)
  readonly q?: string;

  @ApiPropertyOptional({
    example: 'books',
    minLength: 1,
    maxLength: 50,
    pattern: NOT_BLANK_PATTERN,
  })
  @IsOptional()
  @trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  readonly category?: string;

  @ApiPropertyOptional({
    type: 'integer',
    default: PRODUCT_PAGE_LIMIT_DEFAULT,
    minimum: 1,
    maximum: PRODUCT_PAGE_LIMIT_MAX,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PRODUCT_PAGE_LIMIT_MAX)
  readonly limit?: number;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  readonly offset?: number;
}
