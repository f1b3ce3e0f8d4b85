/**
 * The catalog's seed data (api.md: at least 20 products in at least 4 categories). Ids are fixed
 * (UUIDv5 of the SKU) so documentation and tests can name a product.
 */
export interface SeedProduct {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly priceCents: number;
  readonly stock: number;
}

export const SEED_PRODUCTS: readonly SeedProduct[] = [
  {"id": "903d64a3-b4be-50b8-9b54-92e3b883e606", "sku": "ELEC-001", "name": "Wireless Noise-Cancelling Headphones", "description": "Over-ear bluetooth headphones with active noise cancelling and 30 hour battery.", "category": "electronics", "priceCents": 19900, "stock": 40},
  {"id": "4c5f3361-1533-51f9-b74d-84755d688959", "sku": "ELEC-002", "name": "Mechanical Keyboard", "description": "Tenkeyless mechanical keyboard with hot-swappable switches and USB-C cable.", "category": "electronics", "priceCents": 8900, "stock": 60},
  {"id": "cc8f469d-0eb0-54ff-959a-684251ef0193", "sku": "ELEC-003", "name": "4K Monitor 27 inch", "description": "27 inch IPS monitor with 4K resolution, HDR10 and USB-C power delivery.", "category": "electronics", "priceCents": 32900, "stock": 25},
  {"id": "8f31959a-c2d9-5982-858e-a8908b5df403", "sku": "ELEC-004", "name": "Portable Bluetooth Speaker", "description": "Waterproof portable speaker with deep bass and 12 hour battery.", "category": "electronics", "priceCents": 5900, "stock": 80},
  {"id": "c866467a-13c4-5bb6-a7a9-d4e7b53a587c", "sku": "ELEC-005", "name": "USB-C Charger 65W", "description": "Compact gallium nitride charger for laptops and phones.", "category": "electronics", "priceCents": 3900, "stock": 150},
  {"id": "44df86ae-a003-5680-a8fa-908ecb43cf9e", "sku": "ELEC-006", "name": "Wireless Mouse", "description": "Ergonomic wireless mouse with silent clicks and long battery life.", "category": "electronics", "priceCents": 2900, "stock": 120},
  {"id": "2559a188-b948-584b-beaf-1391522681c8", "sku": "BOOK-001", "name": "Designing Data-Intensive Applications", "description": "The big ideas behind reliable, scalable and maintainable systems.", "category": "books", "priceCents": 4500, "stock": 70},
  {"id": "cb36af64-05aa-5cba-bf82-eb1485574014", "sku": "BOOK-002", "name": "Release It!", "description": "Design and deploy production-ready software that survives failures.", "category": "books", "priceCents": 3900, "stock": 50},
  {"id": "5b5437f3-500d-5e8d-9fee-3e36008734c7", "sku": "BOOK-003", "name": "Building Microservices", "description": "Designing fine-grained systems, second edition.", "category": "books", "priceCents": 4900, "stock": 45},
  {"id": "2bd9d7f2-3837-510a-9135-3ecd2efd23ce", "sku": "BOOK-004", "name": "The Pragmatic Programmer", "description": "Your journey to mastery, 20th anniversary edition.", "category": "books", "priceCents": 4200, "stock": 65},
  {"id": "2ff14dc9-0182-54cd-834d-5bddee868c66", "sku": "BOOK-005", "name": "Domain-Driven Design Distilled", "description": "A short introduction to bounded contexts, aggregates and events.", "category": "books", "priceCents": 2900, "stock": 55},
  {"id": "f8357f99-5b2c-5eff-830a-7bbd52ba881d", "sku": "HOME-001", "name": "Pour-Over Coffee Kit", "description": "Glass coffee dripper with reusable steel filter and carafe.", "category": "home", "priceCents": 3400, "stock": 90},
  {"id": "e7ba0fba-344e-59eb-a3ca-583f4a0e5207", "sku": "HOME-002", "name": "Cast Iron Skillet", "description": "Pre-seasoned 12 inch cast iron pan for stove, oven and campfire.", "category": "home", "priceCents": 4200, "stock": 75},
  {"id": "e340466d-761f-5d0c-a369-4529e8c64bdb", "sku": "HOME-003", "name": "Linen Bed Sheets", "description": "Stonewashed linen sheet set, queen size, breathable and soft.", "category": "home", "priceCents": 12900, "stock": 30},
  {"id": "104487a3-a500-56a8-b27a-07c00845b7c4", "sku": "HOME-004", "name": "Desk Lamp", "description": "Dimmable LED desk lamp with adjustable colour temperature.", "category": "home", "priceCents": 4900, "stock": 85},
  {"id": "5d915e04-45c8-584d-b64a-9cb15db0ef3b", "sku": "HOME-005", "name": "Chef Knife", "description": "Eight inch stainless steel chef knife, balanced and razor sharp.", "category": "home", "priceCents": 7900, "stock": 40},
  {"id": "d6f8798d-680e-5411-bd4f-2a759a51b2bf", "sku": "OUT-001", "name": "Trail Running Shoes", "description": "Lightweight trail shoes with grippy outsole and rock plate.", "category": "outdoor", "priceCents": 13900, "stock": 35},
  {"id": "2dac44fb-0488-569d-9da1-e080c539b966", "sku": "OUT-002", "name": "Two-Person Tent", "description": "Freestanding backpacking tent, three seasons, 1.6 kg.", "category": "outdoor", "priceCents": 24900, "stock": 20},
  {"id": "a54bfa10-5fc3-5da9-a705-2e4d2419bf97", "sku": "OUT-003", "name": "Insulated Water Bottle", "description": "Stainless steel bottle keeps drinks cold 24 hours, hot 12 hours.", "category": "outdoor", "priceCents": 2900, "stock": 200},
  {"id": "3df7e584-d95a-56dd-9956-1866bd74eedb", "sku": "OUT-004", "name": "Daypack 24L", "description": "Water-resistant hiking backpack with hydration sleeve.", "category": "outdoor", "priceCents": 7900, "stock": 50},
  {"id": "6736ed9e-7bfc-57a5-9e0f-53bbdc5e1a55", "sku": "OUT-005", "name": "Headlamp", "description": "Rechargeable 400 lumen headlamp with red night mode.", "category": "outdoor", "priceCents": 3500, "stock": 110},
  {"id": "541196e4-21e9-5ba6-a9b9-8d6ee402b10e", "sku": "TOY-001", "name": "Wooden Building Blocks", "description": "Set of 100 natural wooden blocks for creative play.", "category": "toys", "priceCents": 3900, "stock": 60},
  {"id": "f1e01071-bd32-5676-a78f-12afb3b8a405", "sku": "TOY-002", "name": "Puzzle 1000 Pieces", "description": "Jigsaw puzzle with a mountain lake landscape.", "category": "toys", "priceCents": 1900, "stock": 95},
  {"id": "09678b38-1c68-5ae3-987d-5cddaf0caa89", "sku": "TOY-003", "name": "Remote Control Car", "description": "Off-road RC car with rechargeable battery and 2.4 GHz remote.", "category": "toys", "priceCents": 5900, "stock": 30},
];
