import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import type { PaymentInput } from '@shop/contracts';

/** `POST /api/cart/checkout`: the payment is checked by orders, which names any bad field. */
export class CheckoutRequest {
  @ApiProperty({
    example: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
  })
  @IsObject()
  readonly payment!: PaymentInput;
}
