import { Body, Controller, Delete, Get, Param, Put, UseFilters } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CartView } from '@shop/contracts';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '@shop/platform/auth';
import { CartService } from '../application/cart.service';
import { CartErrorsFilter } from './cart-errors.filter';
import { CartResponse } from './dto/cart.response';
import { SetItemRequest } from './dto/set-item.request';

/** The caller's own cart: there is no way to name another user's. */
@ApiTags('cart')
@Controller()
@Authenticated()
@UseFilters(CartErrorsFilter)
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  @ApiOkResponse({ type: CartResponse })
  get(@CurrentUser() user: AuthenticatedUser): Promise<CartView> {
    return this.cart.get(user.id);
  }

  @Put('items/:productId')
  @ApiOkResponse({ type: CartResponse })
  @ApiNotFoundResponse({ description: 'unknown product' })
  setItem(
    @CurrentUser() user: AuthenticatedUser,
    @Param('productId') productId: string,
    @Body() body: SetItemRequest,
  ): Promise<CartView> {
    return this.cart.setItem(user.id, productId, body.quantity);
  }

  @Delete('items/:productId')
  @ApiOkResponse({ type: CartResponse })
  removeItem(
    @CurrentUser() user: AuthenticatedUser,
    @Param('productId') productId: string,
  ): Promise<CartView> {
    return this.cart.removeItem(user.id, productId);
  }
}
