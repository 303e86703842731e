// The fictional report of the demo's information requests (a Nacka child; the identity number is
// from Skatteverket's published test numbers, the names and phone numbers invented).
/** `now`: the app's clock; the child was found two hours before. */
export function validDemoReport(now: Date) {
  return {
    policeDiaryNumber: '5000-K000123-26',
    reportingOfficer: { name: 'Polisinspektör Demo', unit: 'RC Stockholm, ROC', phone: '070-174 06 10' },
    found: { at: new Date(now.getTime() - 2 * 3_600_000).toISOString(), municipalityCode: '0180', place: 'Stockholm, Sergels torg' },
    child: { identityKind: 'known', identityNumber: '20100101-2382', name: 'Demobarn Fiktivsson' },
    residence: { municipalityCode: '0182', address: 'Demovägen 1, Nacka' },
    protectedIdentity: false,
    guardians: [{ name: 'Vårdnadshavare Demo', relation: 'mamma', phone: '070-174 06 11' }],
    concern: 'Fiktiv demoanmälan: barnet påträffades sent på kvällen med personer med koppling till ett kriminellt nätverk.',
    gangRisk: { types: ['recruited'], description: 'Fiktiv uppgift.' },
    whereaboutsNow: { place: 'Hemma', withWhom: 'Vårdnadshavare' },
    urgency: 'today',
  };
}
