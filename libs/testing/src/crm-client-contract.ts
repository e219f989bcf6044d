import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrmRecord, type ICrmClient, isCrmError } from '@leadflow/crm';

/**
 * What a seeded CRM account looks like to the contract suite. Each adapter's test seeds its
 * provider's sandbox and describes the result here; the suite then holds the adapter to the
 * `ICrmClient` contract through the real factory, over HTTP.
 */
export interface CrmContractFixture {
  /** A client from `CrmIntegrationFactory` for a stored connection to the seeded account. */
  client: ICrmClient;
  externalAccountId: string;
  /** The routed object type (`leads`, `items`). */
  objectType: string;
  /** Owners seeded in the account, by email. */
  ownerEmails: readonly string[];
  /** Ids of at least 150 records of `objectType`, oldest first. */
  recordIds: readonly string[];
  /** An id the account does not have. */
  missingId: string;
  /** Records changed in [since, until), with their count. */
  changedWindow: { since: Date; until: Date; count: number };
  /** The owner a record has in the CRM right now, read around the adapter (control API). */
  ownerOf(recordId: string): Promise<string | null>;
  dispose(): Promise<void>;
}

/** The `ICrmClient` contract. Every adapter's contract test calls this once with its fixture. */
export function describeCrmClientContract(provider: string, setup: () => Promise<CrmContractFixture>): void {
  describe(`ICrmClient contract: ${provider}`, () => {
    let f: CrmContractFixture;
    beforeAll(async () => {
      f = await setup();
    }, 120_000);
    afterAll(() => f?.dispose());

    function expectRecord(record: CrmRecord, id: string): void {
      expect(record.externalId).toBe(id);
      expect(typeof record.object).toBe('string');
      expect(record.properties).toBeTypeOf('object');
      expect(record.raw).toBeTypeOf('object');
      expect(Object.keys(record.raw).length).toBeGreaterThan(0);
    }

    it('names the connected account and the scopes it holds', async () => {
      const account = await f.client.getAccount();
      expect(account.externalAccountId).toBe(f.externalAccountId);
      expect(Array.isArray(account.scopes)).toBe(true);
      expect(f.client.provider).toBe(provider);
    });

    it('lists every owner with an id the owner field takes', async () => {
      const owners = await f.client.listOwners();
      expect(owners.map((o) => o.email)).toEqual(expect.arrayContaining([...f.ownerEmails]));
      for (const owner of owners) {
        expect(owner.id).toMatch(/\S/);
        expect(typeof owner.active).toBe('boolean');
      }
      expect(new Set(owners.map((o) => o.id)).size).toBe(owners.length);
    });

    it('discovers the fields of the routed object', async () => {
      const fields = await f.client.listFields(f.objectType);
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(field.name).toMatch(/\S/);
        expect(typeof field.label).toBe('string');
        expect(field.type).toMatch(/\S/);
      }
    });

    it('fetches records by id in batches, reporting ids it lacks instead of failing', async () => {
      const ids = [...f.recordIds.slice(0, 149), f.missingId];
      const { records, missing } = await f.client.fetchLeads(f.objectType, ids);
      expect(missing).toEqual([f.missingId]);
      expect(records).toHaveLength(149);
      const byId = new Map(records.map((r) => [r.externalId, r]));
      for (const id of f.recordIds.slice(0, 149)) expectRecord(byId.get(id)!, id);
    });

    it('pages through the records changed in a window, each once, oldest first', async () => {
      const seen: CrmRecord[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await f.client.listChangedLeads({
          objectType: f.objectType,
          since: f.changedWindow.since,
          until: f.changedWindow.until,
          limit: 50,
          ...(cursor === undefined ? {} : { cursor }),
        });
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor !== undefined && pages < 100);
      expect(pages).toBeGreaterThan(1);
      const ids = seen.map((r) => r.externalId);
      expect(new Set(ids).size).toBe(f.changedWindow.count);
      const times = seen.map((r) => Date.parse(r.updatedAt ?? ''));
      expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
      expect(
        times.every((t) => t >= f.changedWindow.since.getTime() && t < f.changedWindow.until.getTime()),
      ).toBe(true);
    });

    it('samples the newest records, at most as many as asked', async () => {
      const sample = await f.client.sampleLeads(f.objectType, 5);
      expect(sample).toHaveLength(5);
      const created = sample.map((r) => Date.parse(r.createdAt ?? ''));
      expect(created.every((t, i) => i === 0 || t <= created[i - 1]!)).toBe(true);
    });

    it('assigns an owner to one record and to a batch, with an outcome per record', async () => {
      const owners = await f.client.listOwners();
      const [first, second] = owners.filter((o) => o.active);
      const [one, two, three] = f.recordIds.slice(-3);
      await f.client.assignOwner(f.objectType, { externalId: one!, ownerId: first!.id });
      expect(await f.ownerOf(one!)).toBe(first!.id);

      const outcomes = await f.client.assignOwners(f.objectType, [
        { externalId: two!, ownerId: second!.id },
        { externalId: three!, ownerId: second!.id },
        { externalId: f.missingId, ownerId: second!.id },
      ]);
      expect(outcomes).toEqual(
        expect.arrayContaining([
          { externalId: two, ok: true },
          { externalId: three, ok: true },
          expect.objectContaining({ externalId: f.missingId, ok: false, code: 'NOT_FOUND' }),
        ]),
      );
      expect(await f.ownerOf(two!)).toBe(second!.id);
      expect(await f.ownerOf(three!)).toBe(second!.id);
    });

    it('fails with the typed error, never a raw provider error', async () => {
      try {
        await f.client.assignOwner(f.objectType, { externalId: f.missingId, ownerId: 'no-such-owner' });
        expect.unreachable('assigning to a missing record must fail');
      } catch (error) {
        expect(isCrmError(error)).toBe(true);
        expect(['NOT_FOUND', 'INVALID_REQUEST']).toContain((error as { code: string }).code);
      }
    });
  });
}
