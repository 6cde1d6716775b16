import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];

const CACHED = Symbol('spinout.cachedValidationMetadata');

/**
 * Makes class-validator remember the rules it finds for a class. For every object it validates
 * (a body and each nested DTO in it) it looks for the rules of the class's ancestors by testing
 * every class registered in the process — here about a hundred DTOs — and it does so again on
 * every request (typestack/class-validator#2686). The answer only changes when rules are
 * registered, so it is kept per class and set of options, and all of it is forgotten whenever a
 * rule, constraint or schema is registered. Idempotent: the storage is process-wide, and so is
 * this.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [CACHED]?: true };
  if (marked[CACHED]) return;
  marked[CACHED] = true;
  let cache = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  const forget = () => {
    cache = new WeakMap();
  };
  const { addValidationMetadata, addConstraintMetadata, addValidationSchema } = storage;
  storage.addValidationMetadata = (metadata) => {
    forget();
    addValidationMetadata.call(storage, metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraintMetadata.call(storage, metadata);
  };
  storage.addValidationSchema = (schema) => {
    forget();
    addValidationSchema.call(storage, schema);
  };
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = JSON.stringify([schema, always, strictGroups, groups ?? null]);
    let forTarget = cache.get(target);
    if (forTarget === undefined) cache.set(target, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (found === undefined) forTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
}
