// DESIGN.md section 1: which kind of organisation each role belongs to. A police officer in a
// municipality, or an intake worker in the hub, would get the wrong relations to cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgKinds, type OrgKind, type Role } from '../shared/roles.ts';
import { roleFitsOrganisation } from './role-organisation.ts';

const EVERY_KIND: OrgKind[] = ['hub', 'police', 'municipality', 'intake_unit', 'jour_group', 'authority'];
const TABLE: [Role, OrgKind[]][] = [
  ['police.reporter', ['police']],
  ['hub.handler', ['hub']],
  ['hub.supervisor', ['hub']],
  ['municipality.intake', ['intake_unit', 'jour_group']],
  ['municipality.manager', ['municipality']],
  ['admin', EVERY_KIND],
  ['auditor', EVERY_KIND],
  ['analyst', EVERY_KIND],
];

for (const [role, kinds] of TABLE) {
  test(`${role} belongs to ${kinds.length === EVERY_KIND.length ? 'any organisation' : kinds.join(' or ')}`, () => {
    for (const kind of orgKinds) assert.equal(roleFitsOrganisation(role, kind), kinds.includes(kind), `${role} in ${kind}`);
  });
}
