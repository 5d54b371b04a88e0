import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A line of a receipt. */
@Entity('purchase_items')
export class PurchaseItem {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index()
  @Column({ type: 'int' })
  purchaseId: number;

  @Column({ type: 'varchar', length: 64 })
  sku: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name: string = '';

  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  category: string | null = null;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int' })
  unitPriceMinor: number;
}
