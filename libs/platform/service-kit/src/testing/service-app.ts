import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpServiceConfig } from '@shop/platform/config';
import { createHttpApp } from '../create-http-app';

export interface TestResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, unknown>;
}

/** A service's real HTTP application (the same factory main.ts uses), ready for inject(). */
export async function startServiceApp(
  name: string,
  module: DynamicModule,
  config: HttpServiceConfig,
  options: { listen?: boolean } = {},
): Promise<{ app: NestFastifyApplication; url?: string }> {
  const app = await createHttpApp({ name, module, config, openApi: false });
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    return { app, url: await app.getUrl() };
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app };
}

/** In-process HTTP request through Fastify's inject (full routing, pipes, guards, filters). */
export async function request<T = unknown>(
  app: NestFastifyApplication,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<TestResponse<T>> {
  const response = await app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method,
      url,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      payload: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  const text = response.body;
  return {
    status: response.statusCode,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}
