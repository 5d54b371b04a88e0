import { Member } from './members/member.entity';
import { ApiKey } from './auth/api-key.entity';
import { MemberCredential } from './auth/member-credential.entity';
import { Session } from './auth/session.entity';
import { StaffUser } from './auth/staff-user.entity';

/** Every domain's entities, handed to the DataSource. A new domain adds its line here. */
export const entities = [Member, StaffUser, MemberCredential, Session, ApiKey];
