import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const TEMPLATE_LOCALES = ['ru', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** An email a brand sends, per code and locale; the body is plain text with {{placeholders}}. */
@Entity('message_templates')
@Index(['code', 'locale'], { unique: true })
export class MessageTemplate {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 5 })
  locale: TemplateLocale;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** Marketing mail goes only to members who consented to email; transactional mail to everyone with an address. */
  @Column({ type: 'boolean', default: false })
  marketing: boolean = false;

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
