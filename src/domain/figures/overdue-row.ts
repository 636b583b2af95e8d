// One row of the overdue watch, for `overdue` and the circular's serious-overdue list alike.
import type { DueClass, DueLevel } from '../due.js';
import type { OrderState } from '../lifecycle.js';
import { maskPersonal } from '../privacy.js';
import { isoOf, timeMs } from '../time.js';
import type { OrderFacts, OverdueRow, UnitInfo } from './types.js';

export function overdueRow(
  o: Pick<OrderFacts, 'no' | 'title' | 'category' | 'town'>,
  st: Pick<OrderState, 'type' | 'urgency' | 'leadUnit' | 'status' | 'receivedAt' | 'dueAt'>,
  k: DueClass,
  unitMap: ReadonlyMap<string, UnitInfo>,
): OverdueRow & { dueMs: number } {
  const lead = st.leadUnit;
  const u = lead !== null ? unitMap.get(lead) : undefined;
  return {
    no: o.no,
    title: maskPersonal(o.title),
    type: st.type,
    urgency: st.urgency,
    category: o.category,
    town: o.town,
    leadUnit: lead,
    unitName: u?.name ?? null,
    unitContact: u?.contact ?? null,
    unitPhone: u?.phone ?? null,
    status: st.status,
    receivedAt: isoOf(st.receivedAt),
    dueAt: isoOf(st.dueAt),
    level: k.level as DueLevel,
    overdueWorkdays: k.overdueWorkdays,
    dueMs: timeMs(st.dueAt),
  };
}
