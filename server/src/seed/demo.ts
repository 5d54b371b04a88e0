import type { EntityManager } from 'typeorm';
import type { AuthService } from '../auth/auth.service';
import { MemberCredential } from '../auth/member-credential.entity';
import { hashPassword } from '../auth/secrets';
import { StaffUser } from '../auth/staff-user.entity';
import { Member } from '../members/member.entity';

/** The demo member that the README and the e2e tests sign in as. */
export const DEMO_MEMBER = { email: 'anna@demo.patron.local', password: 'patron-demo' };
export const DEMO_MARKETER = { email: 'marketer@demo.patron.local', password: 'patron-demo-marketer' };

const FIRST_NAMES = ['Анна', 'Иван', 'Мария', 'Дмитрий', 'Елена', 'Сергей', 'Ольга', 'Алексей', 'Наталья', 'Павел', 'Emma', 'Liam', 'Olivia', 'Noah'];
const LAST_NAMES = ['Иванова', 'Петров', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Козлов', 'Новикова', 'Морозов', 'Smith', 'Brown', 'Wilson', 'Taylor'];

/** True when nothing has been created yet: the first run. */
export async function isDatabaseEmpty(em: EntityManager): Promise<boolean> {
  return !(await em.exists(Member)) && !(await em.exists(StaffUser));
}

/**
 * A small demo brand. Each domain adds its part here as it lands (programs and purchases
 * with the loyalty core, campaigns with the flow engine, threads with the forum).
 */
export async function seedDemo(em: EntityManager, auth: AuthService): Promise<{ members: number }> {
  const members: Member[] = [];
  for (let i = 0; i < 40; i++) {
    // Every (first, last) pair differs, so that no demo name repeats.
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    const last = LAST_NAMES[(i + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length];
    members.push(
      em.create(Member, {
        externalId: `CRM-${String(1000 + i)}`,
        email: i === 0 ? DEMO_MEMBER.email : `member${i}@demo.patron.local`,
        name: i === 0 ? 'Анна Иванова' : `${first} ${last}`,
        locale: i % 3 === 0 ? 'en' : 'ru',
        createdAt: new Date(Date.now() - (400 - i * 9) * 86_400_000),
        updatedAt: new Date(),
      }),
    );
  }
  await em.save(members);
  await em.insert(MemberCredential, {
    memberId: members[0].id,
    email: DEMO_MEMBER.email,
    passwordHash: await hashPassword(DEMO_MEMBER.password),
    createdAt: new Date(),
  });
  await auth.createStaffUser(em, { ...DEMO_MARKETER, name: 'Demo Marketer', role: 'marketer' });
  return { members: members.length };
}
