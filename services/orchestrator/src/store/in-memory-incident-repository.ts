import type { Incident } from '@sre-orchestrator/contracts';
import { isFinished } from '@sre-orchestrator/contracts';
import {
  type IncidentListOptions,
  type IncidentPage,
  type IncidentRepository,
  InvalidCursorError,
  StoreFullError,
} from './incident-repository.js';

interface Entry {
  /** Creation order; the cursor points at it, so pages stay stable while older incidents are evicted. */
  seq: number;
  incident: Incident;
}

/**
 * The default store: a bounded Map in creation order. When full, the oldest finished incident is
 * evicted to make room, so memory stays bounded however many incidents are reported; incidents
 * still pending or running are never evicted. Copies go in and out, so no caller can change a
 * stored incident behind the store's back.
 */
export class InMemoryIncidentRepository implements IncidentRepository {
  private readonly entries = new Map<string, Entry>();
  private nextSeq = 1;

  constructor(readonly maxIncidents: number) {
    if (!Number.isInteger(maxIncidents) || maxIncidents < 1) throw new RangeError('maxIncidents must be >= 1');
  }

  get size(): number {
    return this.entries.size;
  }

  async create(incident: Incident): Promise<void> {
    if (this.entries.has(incident.id)) throw new Error(`incident ${incident.id} already exists`);
    if (this.entries.size >= this.maxIncidents && !this.evictOldestFinished()) {
      throw new StoreFullError(`all ${this.maxIncidents} stored incidents are still being investigated`);
    }
    this.entries.set(incident.id, { seq: this.nextSeq++, incident: structuredClone(incident) });
  }

  async get(id: string): Promise<Incident | undefined> {
    const entry = this.entries.get(id);
    return entry ? structuredClone(entry.incident) : undefined;
  }

  async update(id: string, patch: Partial<Omit<Incident, 'id' | 'created_at'>>): Promise<Incident | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    entry.incident = { ...entry.incident, ...structuredClone(patch) };
    return structuredClone(entry.incident);
  }

  async list(options: IncidentListOptions): Promise<IncidentPage> {
    const before = options.cursor === undefined ? Number.POSITIVE_INFINITY : decodeCursor(options.cursor);
    const items: Incident[] = [];
    let last: Entry | undefined;
    let more = false;
    const newestFirst = [...this.entries.values()].reverse();
    for (const entry of newestFirst) {
      if (entry.seq >= before) continue;
      if (options.status !== undefined && entry.incident.status !== options.status) continue;
      if (items.length === options.limit) {
        more = true;
        break;
      }
      items.push(structuredClone(entry.incident));
      last = entry;
    }
    return { items, next_cursor: more && last ? encodeCursor(last.seq) : null };
  }

  private evictOldestFinished(): boolean {
    for (const [id, entry] of this.entries) {
      if (isFinished(entry.incident)) {
        this.entries.delete(id);
        return true;
      }
    }
    return false;
  }
}

// Opaque to clients: a versioned, base64url-encoded position, so the format can change later.
function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ v: 1, before: seq })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; before?: unknown };
    if (decoded.v === 1 && Number.isSafeInteger(decoded.before) && (decoded.before as number) > 0) {
      return decoded.before as number;
    }
  } catch {
    // fall through: any undecodable cursor is the caller's mistake
  }
  throw new InvalidCursorError('cursor is not one this service issued');
}
