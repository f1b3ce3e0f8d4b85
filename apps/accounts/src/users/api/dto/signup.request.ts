import { ApiProperty } from '@nestjs/swagger';
import { NOT_BLANK_PATTERN } from '@shop/contracts';
import { IsEmail, IsString, MaxLength, MinLength, Matches } from 'class-validator';

export class SignupRequest {
  @ApiProperty({ example: 'ada@example.com', format: 'email', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  readonly email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, example: 'correct horse battery' })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  readonly password!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    example: 'Ada Lovelace',
    description: 'Not blank',
    pattern: NOT_BLANK_PATTERN,
  })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MinLength(1)
  @MaxLength(100)
  readonly name!: string;
}
