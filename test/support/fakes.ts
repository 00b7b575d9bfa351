/**
 * A typed stand-in for a collaborator of the unit under test: the members a test gives are used,
 * and any other member it touches fails the test by name, instead of "undefined is not a
 * function" somewhere later (or a silent pass).
 */
export function fake<T extends object>(name: string, members: Partial<T> = {}): T {
  return new Proxy(members, {
    get(target, property) {
      if (property in target) return target[property as keyof typeof target];
      // Awaiting a fake, or jest printing it, must not count as using it.
      if (property === 'then' || typeof property === 'symbol' || property === 'asymmetricMatch') return undefined;
      throw new Error(`${name}.${property} was used, but this test did not provide it`);
    },
  }) as T;
}
