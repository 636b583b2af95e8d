// Operators and roles: who may do what, where many share one database. With `auth.required on`
// (the default on PostgreSQL) every command checks its operator:
// - office (热线办): everything, and alone the approvals (return approve/deny, extension
//   approve/deny, closure approve/deny, review accept/reject), dispatch, chasing, meetings, the
//   callback, imports and new orders, the directory and the settings;
// - unit:<code> (承办单位) and leader:<code> (单位领导): the unit's own steps (sign, first contact,
//   return, extension request, reply, closure request, passing down to a community) on the orders
//   whose lead or co-unit is theirs, never another unit's.
import { Refusal } from './errors.js';

export type Role = { kind: 'office'; unit?: null } | { kind: 'unit' | 'leader'; unit: string };

export interface Operator {
  login: string;
  role: Role;
  active: boolean;
  /** PostgreSQL: the district this operator works in (null: all, or the only one). */
  district?: string | null;
  updatedAt: string;
  updatedBy: string;
}

/** `office`, `unit:<code>` or `leader:<code>`; null when it is none of them. */
export function parseRole(s: string): Role | null {
  const v = s.trim();
  if (v === 'office') return { kind: 'office', unit: null };
  const m = /^(unit|leader):(\S+)$/.exec(v);
  return m ? { kind: m[1] as 'unit' | 'leader', unit: m[2]! } : null;
}

export function roleText(r: Role): string {
  return r.kind === 'office' ? 'office' : `${r.kind}:${r.unit}`;
}

/** The unit's own steps: what a unit (or its leader) may do on its own orders. */
const UNIT_ACTIONS = new Set(['sign', 'contact', 'return', 'extend_request', 'reply', 'closure_request', 'pass_down']);

/** May this operator take this action on an order with this lead and co-units? Throws a refusal naming the role needed. */
export function authorize(op: Operator, action: string, order: { no: string; leadUnit: string | null; coUnits: readonly string[] } | null): void {
  if (op.role.kind === 'office') return;
  if (!UNIT_ACTIONS.has(action) || order === null) throw new Refusal('auth.needsOffice', { login: op.login, action, role: roleText(op.role) });
  const unit = op.role.unit;
  if (order.leadUnit !== unit && !order.coUnits.includes(unit)) {
    throw new Refusal('auth.notYourUnit', { login: op.login, no: order.no, unit, role: `office | unit:${order.leadUnit ?? '-'}` });
  }
}

/** A command that only the office may run (import, add, units, config…), for a given operator. */
export function requireOffice(op: Operator, what: string): void {
  if (op.role.kind !== 'office') throw new Refusal('auth.needsOffice', { login: op.login, action: what, role: roleText(op.role) });
}
