import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../../apps/api/src/access/access.decorators';
import { IDEMPOTENT_COMMAND_KEY } from '../../apps/api/src/common/idempotency/idempotent-command.decorator';
import { API_PREFIX } from '../../apps/api/src/configure-app';

export interface RouteInfo {
  /** `POST /api/units/:code` */
  key: string;
  method: string;
  roles?: string[];
  isPublic: boolean;
  /** Declared `@IdempotentCommand()`: takes an `Idempotency-Key`. */
  idempotent: boolean;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every route of the application, read from the controllers' metadata as Nest registers them. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    const base = (Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | undefined) ?? '';
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const targets = [handler as () => void, wrapper.metatype];
      const verb = RequestMethod[method];
      routes.push({
        key: `${verb} ${join(API_PREFIX, base, path)}`,
        method: verb,
        roles: reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets),
        isPublic: reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) === true,
        idempotent:
          reflector.get<boolean | undefined>(IDEMPOTENT_COMMAND_KEY, handler as () => void) === true,
      });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
