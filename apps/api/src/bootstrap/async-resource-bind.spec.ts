import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import './async-resource-bind';

describe('AsyncResource#bind without the deprecated getter', () => {
  const storage = new AsyncLocalStorage<string>();

  it('runs the function in the context it was bound in, with the caller’s this and arguments', () => {
    const bound = storage.run('request-1', () =>
      AsyncResource.bind(function (this: unknown, a: number, b: number) {
        return { context: storage.getStore(), self: this, sum: a + b };
      }),
    );
    const target = { name: 'target' };
    expect(storage.run('request-2', () => bound.call(target, 2, 3))).toEqual({
      context: 'request-1',
      self: target,
      sum: 5,
    });
    expect(bound.length).toBe(2);
    expect(Object.getOwnPropertyDescriptor(bound, 'asyncResource')).toBeUndefined();
  });

  it('binds a given thisArg, and refuses what is not a function as Node does', () => {
    const resource = new AsyncResource('test');
    const self = { n: 1 };
    // Typed without thisArg, which Node accepts.
    const bind = resource.bind.bind(resource) as unknown as (
      fn: () => unknown,
      thisArg: unknown,
    ) => () => unknown;
    const bound = bind(function (this: unknown) {
      return this;
    }, self);
    expect(bound()).toBe(self);
    expect(() => resource.bind(42 as never)).toThrow(/must be of type function/);
  });
});
