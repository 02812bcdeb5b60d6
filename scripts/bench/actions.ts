/**
 * Temporal actions as Temporal Cloud bills them, read off a workflow history: a workflow start,
 * each activity attempt, timer, signal sent, Update, search-attribute upsert and local-activity
 * marker is 1; a child workflow start is 2 (the parent's command counts here, the child's own start
 * in its history). A signal is billed once, when sent: the receiving side's event is not counted.
 *
 * Not billed, so counted apart (docs.temporal.io/cloud/actions): the marker of a patched() call,
 * and the upsert of TemporalChangeVersion that the SDK adds beside it ("exempt from Action
 * counting"). Billed but not in a history, so not counted here: activity heartbeats that reach the
 * server (the mail activity beats only after 2 s, activities/heartbeat.ts).
 */
import { temporal } from '@temporalio/proto';

const E = temporal.api.enums.v1.EventType;

export interface ActionCount {
  events: number;
  actions: number;
  byKind: Record<string, number>;
  /** Events that look like actions but are not billed (patch markers and their version upserts). */
  notBilled: Record<string, number>;
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
  [E.EVENT_TYPE_MARKER_RECORDED, 'local activity', () => 1],
  [E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, 'continue-as-new', () => 1],
];

/** The SDK's version marker of patched(), and its upsert of TemporalChangeVersion alone. */
function notBilledKind(e: Event): string | undefined {
  if (e.markerRecordedEventAttributes?.markerName === 'core_patch') return 'patch marker';
  const fields = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
  const keys = fields ? Object.keys(fields) : [];
  if (keys.length === 1 && keys[0] === 'TemporalChangeVersion') return 'TemporalChangeVersion upsert';
  return undefined;
}

export function countActions(events: Event[]): ActionCount {
  const byKind: Record<string, number> = {};
  const notBilled: Record<string, number> = {};
  let actions = 0;
  for (const e of events) {
    const kind = KINDS.find(([type]) => type === e.eventType);
    if (!kind) continue;
    const free = notBilledKind(e);
    if (free) {
      notBilled[free] = (notBilled[free] ?? 0) + 1;
      continue;
    }
    const n = kind[2](e);
    byKind[kind[1]] = (byKind[kind[1]] ?? 0) + n;
    actions += n;
  }
  return { events: events.length, actions, byKind, notBilled };
}

export function addCounts(a: ActionCount, b: ActionCount): ActionCount {
  return {
    events: a.events + b.events,
    actions: a.actions + b.actions,
    byKind: addKinds(a.byKind, b.byKind),
    notBilled: addKinds(a.notBilled, b.notBilled),
  };
}

function addKinds(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [k, v] of Object.entries(b)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}
