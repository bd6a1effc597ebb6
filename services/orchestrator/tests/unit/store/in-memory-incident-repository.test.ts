import { randomUUID } from 'node:crypto';
import type { Incident, IncidentStatus } from '@sre-orchestrator/contracts';
import { describe, expect, it } from 'vitest';
import { InMemoryIncidentRepository } from '../../../src/store/in-memory-incident-repository.js';
import { InvalidCursorError, StoreFullError } from '../../../src/store/incident-repository.js';

function incident(status: IncidentStatus = 'pending', description = 'pod web-1 is down'): Incident {
  const at = new Date().toISOString();
  return {
    id: randomUUID(),
    description,
    status,
    created_at: at,
    updated_at: at,
    completed_at: null,
    extracted_entities: null,
    evidence: {},
    suggested_root_cause: null,
    confidence_score: null,
    diagnosis: null,
    error: null,
  };
}

describe('InMemoryIncidentRepository', () => {
  it('when full, then the oldest finished incident is evicted, never a pending or running one', async () => {
    // Arrange
    const store = new InMemoryIncidentRepository(3);
    const running = incident('running');
    const oldestFinished = incident('completed');
    const newerFinished = incident('failed');
    for (const i of [running, oldestFinished, newerFinished]) await store.create(i);

    // Act
    const added = incident();
    await store.create(added);

    // Assert
    expect(store.size).toBe(3);
    expect(await store.get(oldestFinished.id)).toBeUndefined();
    expect(await store.get(running.id)).toBeDefined();
    expect(await store.get(newerFinished.id)).toBeDefined();
    expect(await store.get(added.id)).toBeDefined();
  });

  it('when full of unfinished incidents, then create throws StoreFullError', async () => {
    // Arrange
    const store = new InMemoryIncidentRepository(2);
    await store.create(incident('pending'));
    await store.create(incident('running'));

    // Act
    const failure = await store.create(incident()).catch((e: unknown) => e);

    // Assert
    expect(failure).toBeInstanceOf(StoreFullError);
    expect(store.size).toBe(2);
  });

  it('when a returned incident is mutated, then the stored one is unchanged', async () => {
    // Arrange
    const store = new InMemoryIncidentRepository(10);
    const stored = incident();
    await store.create(stored);

    // Act
    const copy = await store.get(stored.id);
    if (copy) copy.status = 'failed';

    // Assert
    expect((await store.get(stored.id))?.status).toBe('pending');
  });

  it('when updated, then the patch is merged and the result returned', async () => {
    // Arrange
    const store = new InMemoryIncidentRepository(10);
    const stored = incident();
    await store.create(stored);

    // Act
    const updated = await store.update(stored.id, { status: 'completed', error: null, evidence: { finding: 'x' } });

    // Assert
    expect(updated).toMatchObject({ id: stored.id, description: stored.description, status: 'completed' });
    expect(await store.update(randomUUID(), { status: 'failed' })).toBeUndefined();
  });

  it('when listing page by page, then every incident comes once, newest first', async () => {
    // Arrange
    const store = new InMemoryIncidentRepository(100);
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const item = incident();
      created.push(item.id);
      await store.create(item);
    }

    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.list({ limit: 3, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next_cursor ?? undefined;
      pages += 1;
    } while (cursor);

    // Assert
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });

  it('when listing by status, then only that status comes and the last page has no cursor', async () => {
    // Arrange
    const store = new InMemoryIncidentRepository(100);
    const failed = incident('failed');
    await store.create(incident('completed'));
    await store.create(failed);
    await store.create(incident('completed'));

    // Act
    const page = await store.list({ status: 'failed', limit: 20 });

    // Assert
    expect(page.items.map((i) => i.id)).toEqual([failed.id]);
    expect(page.next_cursor).toBeNull();
  });

  it.each(['garbage', Buffer.from('{"v":2,"before":3}').toString('base64url'), ''])(
    'when the cursor is %j, then InvalidCursorError',
    async (cursor) => {
      // Arrange
      const store = new InMemoryIncidentRepository(10);

      // Act
      const failure = await store.list({ limit: 5, cursor }).catch((e: unknown) => e);

      // Assert
      expect(failure).toBeInstanceOf(InvalidCursorError);
    },
  );
});
