import { AsyncResource } from 'node:async_hooks';

/**
 * Node 20's AsyncResource#bind gives every bound function a deprecated `asyncResource` getter
 * made with util.deprecate, which is costly; fastify binds once per parsed body and Nest once
 * per interceptor, so it was ~5 % of the API's CPU under load. This binds the same way (same
 * async context, same `this` handling) without the getter, which nothing here reads.
 */
type Bind = (fn: (...args: unknown[]) => unknown, thisArg?: unknown) => unknown;
const nodeBind = AsyncResource.prototype.bind as unknown as Bind;

AsyncResource.prototype.bind = function bind(
  this: AsyncResource,
  fn: (...args: unknown[]) => unknown,
  thisArg?: unknown,
) {
  if (typeof fn !== 'function') return nodeBind.call(this, fn, thisArg); // Node's own TypeError
  const run = this.runInAsyncScope.bind(this);
  const bound =
    thisArg === undefined
      ? function (this: unknown, ...args: unknown[]) {
          return run(fn, this, ...args);
        }
      : (...args: unknown[]) => run(fn, thisArg, ...args);
  Object.defineProperty(bound, 'length', { configurable: true, value: fn.length });
  return bound;
} as typeof AsyncResource.prototype.bind;
