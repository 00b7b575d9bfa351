import { describe, expect, it } from '@jest/globals';
import { Column, DataSource, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { rowMapper } from './row-mapper.js';

@Entity('owners')
class Owner {
  @PrimaryColumn('uuid') id: string;
}

@Entity('things')
class Thing {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @ManyToOne(() => Owner)
  @JoinColumn({ name: 'owner_id' })
  owner?: Owner;
  @Column({ name: 'unit_price', type: 'numeric' }) unitPrice: string;
}

describe('rowMapper', () => {
  it('selects every column under an alias and maps rows to entity instances, leaving relations alone', async () => {
    const ds = new DataSource({ type: 'postgres', entities: [Owner, Thing] });
    await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    const mapper = rowMapper<Thing>(ds.getMetadata(Thing), 't');
    expect(mapper.select).toBe('t.id AS "t__id", t.owner_id AS "t__ownerId", t.unit_price AS "t__unitPrice"');
    const thing = mapper.map({ t__id: 'a', t__ownerId: 'b', t__unitPrice: '1.5' });
    expect(thing).toBeInstanceOf(Thing);
    expect({ ...thing }).toEqual({ id: 'a', ownerId: 'b', unitPrice: '1.5' });
  });

  it('reads only the properties asked for', async () => {
    const ds = new DataSource({ type: 'postgres', entities: [Owner, Thing] });
    await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    const mapper = rowMapper<Thing>(ds.getMetadata(Thing), 't', new Set(['id', 'unitPrice', 'owner']));
    expect(mapper.select).toBe('t.id AS "t__id", t.unit_price AS "t__unitPrice"');
    expect({ ...mapper.map({ t__id: 'a', t__unitPrice: '2' }) }).toEqual({ id: 'a', unitPrice: '2' });
  });
});
