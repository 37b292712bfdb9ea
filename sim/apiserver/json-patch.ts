import { ApiError } from './api-error.ts';
import { clone, isPlainObject, jsonEqual, type Json } from './kube-object.ts';

interface Operation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: Json;
}

function fail(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw fail(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, tokens: string[], path: string): { parent: Json; last: string } {
  let node = doc;
  for (const t of tokens.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(t)] : isPlainObject(node) ? node[t] : undefined;
    if (node === undefined) throw fail(`doc is missing path: "${path}": missing value`);
  }
  return { parent: node, last: tokens[tokens.length - 1]! };
}

function read(doc: Json, path: string): Json {
  let node = doc;
  for (const t of pointer(path)) {
    node = Array.isArray(node) ? node[Number(t)] : isPlainObject(node) ? node[t] : undefined;
    if (node === undefined) throw fail(`doc is missing path: "${path}": missing value`);
  }
  return node;
}

function add(doc: Json, path: string, value: Json): Json {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw fail(`add operation does not apply: index out of range: "${path}"`);
    parent.splice(i, 0, value);
  } else if (isPlainObject(parent)) parent[last] = value;
  else throw fail(`add operation does not apply: doc is missing path: "${path}"`);
  return doc;
}

function remove(doc: Json, path: string): Json {
  const tokens = pointer(path);
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw fail(`remove operation does not apply: doc is missing path: "${path}": missing value`);
    parent.splice(i, 1);
  } else if (isPlainObject(parent) && last in parent) delete parent[last];
  else throw fail(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  return doc;
}

/** RFC 6902 JSON patch, applied to a copy. */
export function applyJsonPatch(original: Json, operations: Json): Json {
  if (!Array.isArray(operations)) throw new ApiError(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(original);
  for (const op of operations as Operation[]) {
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, clone(op.value));
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'replace':
        read(doc, op.path);
        doc = pointer(op.path).length === 0 ? clone(op.value) : add(remove(doc, op.path), op.path, clone(op.value));
        break;
      case 'move': {
        const value = read(doc, op.from!);
        doc = add(remove(doc, op.from!), op.path, value);
        break;
      }
      case 'copy':
        doc = add(doc, op.path, clone(read(doc, op.from!)));
        break;
      case 'test':
        if (!jsonEqual(read(doc, op.path), op.value)) throw fail(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw fail(`Unexpected kind: ${String((op as { op: unknown }).op)}`);
    }
  }
  return doc;
}
