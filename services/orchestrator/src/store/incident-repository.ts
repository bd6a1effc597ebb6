import type { Incident, IncidentStatus } from '@sre-orchestrator/contracts';

export interface IncidentListOptions {
  status?: IncidentStatus | undefined;
  /** 1..100. */
  limit: number;
  /** The `next_cursor` of the previous page. */
  cursor?: string | undefined;
}

export interface IncidentPage {
  items: Incident[];
  next_cursor: string | null;
}

/** Where incidents live. Async so a persistent store can replace the in-memory one without touching callers. */
export interface IncidentRepository {
  /** Stores a new incident; throws StoreFullError when nothing can be evicted to make room. */
  create(incident: Incident): Promise<void>;
  get(id: string): Promise<Incident | undefined>;
  /** Merges `patch` into the stored incident and returns the result; undefined when it is gone (evicted). */
  update(id: string, patch: Partial<Omit<Incident, 'id' | 'created_at'>>): Promise<Incident | undefined>;
  /** Newest first; throws InvalidCursorError for a cursor this store did not issue. */
  list(options: IncidentListOptions): Promise<IncidentPage>;
}

/** Every stored incident is still pending or running, so none can be evicted. */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}
