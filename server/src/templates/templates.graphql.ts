import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { ProgramNode } from '../programs/programs.graphql';
import { applyTemplate, isAvailable, PROGRAM_TEMPLATES } from './templates.service';
import type { ProgramTemplate } from './template';

const localeOf = (locale: string) => (locale === 'en' ? 'en' : 'ru');

const ProgramTemplateRef = builder.objectRef<ProgramTemplate>('ProgramTemplate').implement({
  description: 'A one-click program: it creates the program with its tiers, rewards and campaigns.',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.string({ args: { locale: t.arg.string({ required: true, defaultValue: 'ru' }) }, resolve: (tpl, { locale }) => tpl.name[localeOf(locale)] }),
    description: t.string({ args: { locale: t.arg.string({ required: true, defaultValue: 'ru' }) }, resolve: (tpl, { locale }) => tpl.description[localeOf(locale)] }),
    requires: t.stringList({ description: 'The domains it uses beyond the core.', resolve: (tpl) => [...tpl.requires] }),
  }),
});

const ApplyProgramTemplateInput = builder.inputType('ApplyProgramTemplateInput', {
  fields: (t) => ({
    template: t.string({ required: true, description: 'The template code (programTemplates).' }),
    code: t.string({ required: true, description: 'The new program’s code.' }),
    name: t.string({ required: false, description: 'Defaults to the template’s name in the locale.' }),
    currency: t.string({ required: false, description: 'ISO 4217; RUB when left out.' }),
    isDefault: t.boolean({ required: false }),
    locale: t.string({ required: false, description: 'ru or en: the language of the names it creates (ru when left out).' }),
  }),
});

const templateEditors = { roles: ['marketer' as const] };

builder.queryFields((t) => ({
  programTemplates: t.field({
    type: [ProgramTemplateRef],
    description: 'The templates this server can apply (those whose domains it runs).',
    authScopes: { $any: { roles: ['marketer' as const, 'analyst' as const] } },
    resolve: (_root, _args, ctx) => PROGRAM_TEMPLATES.filter((tpl) => isAvailable(tpl, ctx.services)),
  }),
}));

builder.mutationFields((t) => ({
  applyProgramTemplate: t.field({
    type: ProgramNode,
    description: 'Creates a program from a template with its tiers, rewards and published campaigns, all in one transaction.',
    authScopes: templateEditors,
    args: { input: t.arg({ type: ApplyProgramTemplateInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'ApplyProgramTemplateResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => applyTemplate(em, ctx.services, input as never)),
  }),
}));
