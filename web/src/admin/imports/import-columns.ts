import type { ImportKindPath } from './upload';

/** The columns each file may have (README, "Bulk import from CSV"); the required ones first. */
export const IMPORT_COLUMNS: Record<ImportKindPath, { required: string[]; optional: string[] }> = {
  members: { required: ['externalId'], optional: ['email', 'phone', 'name', 'birthday', 'locale', 'consentEmail', 'consentSms', 'points'] },
  purchases: { required: ['externalId', 'occurredAt'], optional: ['memberExternalId', 'total', 'totalMinor', 'currency', 'channel', 'storeId', 'program'] },
};
