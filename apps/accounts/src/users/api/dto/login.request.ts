import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'ada@example.com', minLength: 1, maxLength: 254 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  readonly email!: string;

  @ApiProperty({ minLength: 1, maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  readonly password!: string;
}
