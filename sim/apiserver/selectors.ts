import { badRequest } from './api-error.ts';
import type { Json, KubeObject } from './kube-object.ts';

type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export type Matcher = (object: KubeObject) => boolean;

/** Splits at commas outside parentheses. */
function terms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((t) => t.trim()).filter(Boolean);
}

function parseLabelRequirement(term: string): Requirement {
  let m = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (m) return { key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim()).filter(Boolean) };
  m = /^([^\s!=()]+)\s*(==|=|!=)\s*([A-Za-z0-9_.-]*)$/.exec(term);
  if (m) return { key: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! };
  m = /^!\s*([^\s!=()]+)$/.exec(term);
  if (m) return { key: m[1]!, op: '!exists' };
  m = /^([^\s!=()]+)$/.exec(term);
  if (m) return { key: m[1]!, op: 'exists' };
  throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
}

function test(r: Requirement, value: string | undefined): boolean {
  switch (r.op) {
    case '=':
      return value === r.value;
    case '!=':
      return value !== r.value;
    case 'in':
      return value !== undefined && r.values.includes(value);
    case 'notin':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!exists':
      return value === undefined;
  }
}

export function parseLabelSelector(text: string | null | undefined): Matcher | undefined {
  if (!text) return undefined;
  const reqs = terms(text).map(parseLabelRequirement);
  return (o) => reqs.every((r) => test(r, o.metadata.labels?.[r.key]));
}

/** Field values the real server lets one select on; any dotted path works here, which is a superset. */
function fieldValue(o: KubeObject, path: string): string | undefined {
  let node: Json = o;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  if (node === undefined || node === null) return path === 'spec.nodeName' || path === 'metadata.namespace' ? '' : undefined;
  return String(node);
}

export function parseFieldSelector(text: string | null | undefined): Matcher | undefined {
  if (!text) return undefined;
  const reqs = terms(text).map((term) => {
    const m = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    return { key: m[1]!, op: m[2] === '!=' ? ('!=' as const) : ('=' as const), value: m[3]!.trim() };
  });
  return (o) => reqs.every((r) => (r.op === '=' ? fieldValue(o, r.key) === r.value : fieldValue(o, r.key) !== r.value));
}

/** A metav1.LabelSelector (matchLabels and matchExpressions) as a matcher on labels. */
export function labelSelectorMatcher(selector: Json): (labels: Record<string, string> | undefined) => boolean {
  if (!selector) return () => false;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries((selector.matchLabels ?? {}) as Record<string, string>)) reqs.push({ key, op: '=', value });
  for (const e of (selector.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!exists';
    reqs.push(op === 'in' || op === 'notin' ? { key: e.key, op, values: e.values ?? [] } : { key: e.key, op });
  }
  return (labels) => reqs.every((r) => test(r, labels?.[r.key]));
}

/** A selector as text, as Scale's status.selector shows it. */
export function selectorText(selector: Json): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries((selector?.matchLabels ?? {}) as Record<string, string>)) parts.push(`${k}=${v}`);
  for (const e of (selector?.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    if (e.operator === 'In' || e.operator === 'NotIn') parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
    else parts.push(e.operator === 'Exists' ? e.key : `!${e.key}`);
  }
  return parts.join(',');
}
