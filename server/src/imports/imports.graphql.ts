import { keysetPage } from '../db/keyset-page';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import { enumOf } from '../programs/programs.graphql';
import { IMPORT_KINDS, IMPORT_STATUSES, ImportJob } from './import-job.entity';

const ImportKindEnum = enumOf('ImportKind', IMPORT_KINDS);
const ImportStatusEnum = enumOf('ImportStatus', IMPORT_STATUSES);
const importers = { $any: { roles: ['support' as const] } };

const ImportErrorRef = builder.objectRef<{ line: number; column: string; message: string }>('ImportRowError').implement({
  description: 'A row the import refused.',
  fields: (t) => ({ line: t.exposeInt('line'), column: t.exposeString('column'), message: t.exposeString('message') }),
});

const ImportJobRef = builder.objectRef<ImportJob>('ImportJob').implement({
  description: 'A CSV import of members or receipts (POST /import/members.csv or /import/purchases.csv), with its progress.',
  fields: (t) => ({
    id: t.exposeInt('id', { description: 'Pass it as ?resume= to continue a stopped import.' }),
    kind: t.expose('kind', { type: ImportKindEnum }),
    status: t.expose('status', { type: ImportStatusEnum }),
    fileName: t.exposeString('fileName'),
    progress: t.float({
      nullable: true,
      description: 'Share of the upload read, 0…1; null when the client did not say the size.',
      resolve: (job) => (job.status === 'done' ? 1 : job.bytesTotal ? Math.min(1, job.bytesRead / job.bytesTotal) : null),
    }),
    bytesRead: t.float({ resolve: (job) => job.bytesRead }),
    bytesTotal: t.float({ nullable: true, resolve: (job) => job.bytesTotal }),
    rowsRead: t.exposeInt('rowsRead'),
    rowsImported: t.exposeInt('rowsImported'),
    rowsSkipped: t.exposeInt('rowsSkipped', { description: 'Already imported (the same external id): a re-run skips them.' }),
    rowsFailed: t.exposeInt('rowsFailed'),
    message: t.exposeString('message', { description: 'Why the file failed, or what the import is doing now.' }),
    errorsUrl: t.string({ description: 'The error report as CSV.', resolve: (job) => `/import/${job.id}/errors.csv` }),
    errors: t.field({
      type: [ImportErrorRef],
      description: 'The first rows refused, by line.',
      args: { first: t.arg.int({ required: true, defaultValue: 20 }) },
      resolve: (job, { first }, ctx) => ctx.services.imports.errors(ctx.em, job.id, Math.max(0, Math.min(first, 100))),
    }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryFields((t) => ({
  importJob: t.field({
    type: ImportJobRef,
    nullable: true,
    authScopes: importers,
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.em.findOne(ImportJob, { where: { id } }),
  }),
  importJobs: t.connection(
    {
      type: ImportJobRef,
      description: 'Imports, oldest first.',
      authScopes: importers,
      resolve: (_root, args, ctx) => keysetConnection(args, (page) => keysetPage(ctx.em, ImportJob, page)),
    },
    { name: 'ImportJobConnection' },
    { name: 'ImportJobEdge' },
  ),
}));
