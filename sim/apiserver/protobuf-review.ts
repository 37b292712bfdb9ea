import { badRequest } from './api-error.ts';
import type { Json } from './kube-object.ts';

/** The Kubernetes protobuf envelope starts with these four bytes ("k8s\0"). */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface Field {
  field: number;
  wire: number;
  value: Buffer | number;
}

function varint(buf: Buffer, at: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (at >= buf.length) throw badRequest('truncated protobuf');
    const b = buf[at++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, at];
    shift += 7;
  }
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let at = 0;
  while (at < buf.length) {
    const [key, next] = varint(buf, at);
    at = next;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const [v, n] = varint(buf, at);
      out.push({ field, wire, value: v });
      at = n;
    } else if (wire === 2) {
      const [len, n] = varint(buf, at);
      out.push({ field, wire, value: buf.subarray(n, n + len) });
      at = n + len;
    } else if (wire === 1) {
      at += 8;
    } else if (wire === 5) {
      at += 4;
    } else throw badRequest(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

function strings(buf: Buffer, names: Record<number, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields(buf)) if (f.wire === 2 && names[f.field] && (f.value as Buffer).length > 0) out[names[f.field]!] = (f.value as Buffer).toString('utf8');
  return out;
}

/**
 * Decodes the protobuf body of an access review (kubectl 1.32+ sends SelfSubjectAccessReview as
 * application/vnd.kubernetes.protobuf): the runtime.Unknown envelope, then the review's spec with its
 * resourceAttributes or nonResourceAttributes. Only what an access review needs.
 */
export function decodeAccessReview(body: Buffer): Json {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest('the body is not a Kubernetes protobuf message');
  const unknown = fields(body.subarray(4));
  const typeMeta = unknown.find((f) => f.field === 1)?.value as Buffer | undefined;
  const raw = unknown.find((f) => f.field === 2)?.value as Buffer | undefined;
  const meta = typeMeta ? strings(typeMeta, { 1: 'apiVersion', 2: 'kind' }) : {};
  const spec: Json = {};
  for (const f of fields(raw ?? Buffer.alloc(0))) {
    if (f.field !== 2 || f.wire !== 2) continue;
    for (const s of fields(f.value as Buffer)) {
      if (s.wire !== 2) continue;
      if (s.field === 1) spec.resourceAttributes = strings(s.value as Buffer, { 1: 'namespace', 2: 'verb', 3: 'group', 4: 'version', 5: 'resource', 6: 'subresource', 7: 'name' });
      else if (s.field === 2) spec.nonResourceAttributes = strings(s.value as Buffer, { 1: 'path', 2: 'verb' });
      else if (s.field === 3) spec.user = (s.value as Buffer).toString('utf8');
    }
  }
  return { ...meta, spec };
}

/** For tests: encodes a SelfSubjectAccessReview as kubectl 1.32+ does. */
export function encodeAccessReview(review: { resourceAttributes?: Record<string, string>; nonResourceAttributes?: Record<string, string> }): Buffer {
  const str = (field: number, text: string) => {
    const b = Buffer.from(text, 'utf8');
    return Buffer.concat([Buffer.from([(field << 3) | 2, b.length]), b]);
  };
  const msg = (field: number, content: Buffer) => Buffer.concat([Buffer.from([(field << 3) | 2]), lengthOf(content.length), content]);
  const order = { namespace: 1, verb: 2, group: 3, version: 4, resource: 5, subresource: 6, name: 7, path: 1 } as Record<string, number>;
  const attrs = (a: Record<string, string>, names: string[]) => Buffer.concat(names.filter((n) => a[n] !== undefined).map((n) => str(order[n]!, a[n]!)));
  let spec = Buffer.alloc(0);
  if (review.resourceAttributes) spec = msg(1, attrs(review.resourceAttributes, ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name']));
  if (review.nonResourceAttributes) spec = msg(2, attrs(review.nonResourceAttributes, ['path', 'verb']));
  const raw = Buffer.concat([msg(1, Buffer.alloc(0)), msg(2, spec), msg(3, Buffer.alloc(0))]);
  const typeMeta = Buffer.concat([str(1, 'authorization.k8s.io/v1'), str(2, 'SelfSubjectAccessReview')]);
  return Buffer.concat([MAGIC, msg(1, typeMeta), msg(2, raw), str(3, ''), str(4, '')]);
}

function lengthOf(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    bytes.push(b);
  } while (n > 0);
  return Buffer.from(bytes);
}
