import { clone, isPlainObject, type Json } from './kube-object.ts';

/** RFC 7386 JSON merge patch: objects merged recursively, null removes, anything else replaces. */
export function jsonMergePatch(original: Json, patch: Json): Json {
  if (!isPlainObject(patch)) return clone(patch);
  const result: Record<string, Json> = isPlainObject(original) ? { ...original } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = jsonMergePatch(result[key], value);
  }
  return result;
}
