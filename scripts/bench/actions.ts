/**
 * Temporal actions as Temporal Cloud bills them, read off a workflow history: a workflow start,
 * each activity attempt, timer, signal sent, Update, search-attribute upsert and marker is 1; a
 * child workflow start is 2 (the parent's command counts here, the child's own start in its
 * history). A signal is billed once, when sent: the receiving side's event is not counted.
 */
import { temporal } from '@temporalio/proto';

const E = temporal.api.enums.v1.EventType;

export interface ActionCount {
  events: number;
  actions: number;
  byKind: Record<string, number>;
}

type Event = temporal.api.history.v1.IHistoryEvent;

const KINDS: [temporal.api.enums.v1.EventType, string, (e: Event) => number][] = [
  [E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 'workflow start', () => 1],
  [E.EVENT_TYPE_ACTIVITY_TASK_STARTED, 'activity attempt', () => 1],
  [E.EVENT_TYPE_TIMER_STARTED, 'timer', () => 1],
  [E.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, 'signal sent', () => 1],
  [E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, 'child start', () => 1],
  [E.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, 'search attributes', () => 1],
  [E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, 'update', () => 1],
  [E.EVENT_TYPE_MARKER_RECORDED, 'marker', () => 1],
  [E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, 'continue-as-new', () => 1],
];

export function countActions(events: Event[]): ActionCount {
  const byKind: Record<string, number> = {};
  let actions = 0;
  for (const e of events) {
    const kind = KINDS.find(([type]) => type === e.eventType);
    if (!kind) continue;
    const n = kind[2](e);
    byKind[kind[1]] = (byKind[kind[1]] ?? 0) + n;
    actions += n;
  }
  return { events: events.length, actions, byKind };
}

export function addCounts(a: ActionCount, b: ActionCount): ActionCount {
  const byKind = { ...a.byKind };
  for (const [k, v] of Object.entries(b.byKind)) byKind[k] = (byKind[k] ?? 0) + v;
  return { events: a.events + b.events, actions: a.actions + b.actions, byKind };
}
