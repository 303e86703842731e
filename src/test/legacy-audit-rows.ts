// Audit rows hashed before chains had names (format 1): these three were hashed by the code of
// that time (commit 5acb828, chains 3 and 11) and are kept here byte for byte, so tests can prove
// they keep verifying. The third holds a NUL character, which only the pure hash test can use
// (jsonb refuses it).
import { GENESIS_HASH } from '../audit/audit-hash.ts';

const legacy = [
  {
    chain: 3, at: '2026-11-30T10:00:00.123Z', actorUserId: '6f1c2e7a-1b2c-4d3e-8f90-1234567890ab', actorRole: 'police.reporter', actorOrgId: 'police-roc',
    action: 'case.received', subjectType: 'case', subjectId: '0b5e8c1d-2f3a-4b5c-9d6e-7f8091a2b3c4', requestId: 'req-1',
    details: { number: 'ENV-2026-000001', person: 'p:abc', duplicateOf: null },
    prevHash: GENESIS_HASH, hash: 'ec82da64a9ecebc4663926b14dd4ac83e84112e0cbaa716f6f60e5fb8363f303',
  },
  {
    chain: 3, at: '2026-11-30T10:00:00.124Z', actorUserId: null, actorRole: 'system', actorOrgId: null, action: 'deadline.started', subjectType: 'case',
    subjectId: '0b5e8c1d-2f3a-4b5c-9d6e-7f8091a2b3c4', requestId: null,
    details: { deadlineId: 17, clock: 'claim', dueAt: '2026-11-30T10:10:00.123Z', policyId: 'default-claim' },
    prevHash: 'ec82da64a9ecebc4663926b14dd4ac83e84112e0cbaa716f6f60e5fb8363f303', hash: '8036e594bd297e4e61ef04974b9395d6c2595b13df59723fb77b6f1ecd1ea24c',
  },
  {
    chain: 11, at: '2026-12-01T23:59:59.999Z', actorUserId: '6f1c2e7a-1b2c-4d3e-8f90-1234567890ab', actorRole: 'hub.handler', actorOrgId: 'hub',
    action: 'case.list_read', subjectType: 'case', subjectId: null, requestId: 'req-2',
    details: { caseIds: ['a', 'b'], note: 'Åsa “citat” \u0000 é', n: 1.5, big: 1e21, neg: 0, list: [null, true, { z: 1, a: [] }] },
    prevHash: '8036e594bd297e4e61ef04974b9395d6c2595b13df59723fb77b6f1ecd1ea24c', hash: 'fac3508e9feb91aa9200e3cd8b53d9b71d244584dd7775915f512db494380062',
  },
];

/** A legacy row as the migration left it: its chain number in chain_key, hash version 1. */
export function migratedLegacyRows() {
  return legacy.map(({ chain, at, ...rest }) => ({ ...rest, at: new Date(at), chainKey: `legacy-${chain}`, hashVersion: 1 }));
}

