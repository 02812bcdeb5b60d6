/**
 * The payloads of a fetched history, found by shape (metadata + data), with the path to each: the
 * proof that what the server stores is sealed, and under which keys.
 */
import type { Payload } from '@temporalio/common';
import { payloadKeyId } from '../../codec/payload-codec';

export interface FoundPayload {
  path: string;
  payload: Payload;
  keyId?: string;
}

export function payloadsIn(value: unknown, at = ''): FoundPayload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  if (isPayload(value)) return [{ path: at, payload: value, keyId: payloadKeyId(value) }];
  return Object.entries(value).flatMap(([k, v]) => payloadsIn(v, at ? `${at}.${k}` : k));
}

function isPayload(value: object): value is Payload {
  const v = value as Payload;
  return (
    v.metadata !== undefined &&
    v.metadata !== null &&
    typeof v.metadata === 'object' &&
    'encoding' in v.metadata
  );
}

/**
 * What the SDK itself writes in clear, on purpose (see "What stays in clear" in the README): search
 * attributes, and the bookkeeping of markers (a local activity's type, attempt and times; a patch's
 * name). A marker's result, what the activity returned, is sealed like any payload.
 */
const CLEAR_BY_DESIGN = [/searchAttributes/i, /markerRecordedEventAttributes\.details\.(data|patch-data)\./];

/** Payloads that are not sealed and should have been. */
export function clearPayloads(value: unknown): FoundPayload[] {
  return payloadsIn(value).filter((p) => !p.keyId && !CLEAR_BY_DESIGN.some((r) => r.test(p.path)));
}
