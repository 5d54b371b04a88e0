import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A member's rating of a product (by SKU): one per member and product. */
@Entity('product_reviews')
@Index(['memberId', 'sku'], { unique: true })
@Index(['sku', 'createdAt'])
export class ProductReview {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 64 })
  sku: string;

  /** 1–5 stars. */
  @Column({ type: 'int' })
  rating: number;

  @Column({ type: 'varchar', length: 2000, default: '' })
  text: string = '';

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
