import { ApiProperty } from '@nestjs/swagger';
import type { LoginResult, MeView, Role, UserView } from '@shop/contracts';

export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty() readonly email!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
}

export class MeResponse implements MeView {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty() readonly email!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ type: [String], example: ['admin'] }) readonly roles!: Role[];
}

export class LoginResponse implements LoginResult {
  @ApiProperty() readonly accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) readonly tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) readonly expiresIn!: number;
}
